package outbox

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// reserved headers are written by the worker from the record's own fields;
// a caller setting them could forge a recipient or break the MIME structure.
var reserved = map[string]bool{
	"from": true, "to": true, "cc": true, "bcc": true, "subject": true, "date": true,
	"message-id": true, "mime-version": true, "content-type": true, "content-transfer-encoding": true,
}

// validHeader reports whether an extra header may be sent: a name of
// printable ASCII without a colon (RFC 5322 §3.6.8), not reserved, and a
// one-line value.
func validHeader(name, value string) bool {
	if name == "" || reserved[strings.ToLower(name)] || strings.ContainsAny(value, "\r\n") {
		return false
	}
	for i := 0; i < len(name); i++ {
		if name[i] < 33 || name[i] > 126 || name[i] == ':' {
			return false
		}
	}
	return true
}

// storedHeaders reads the record's extra headers. Queue checked them, but a
// clerk can edit the JSON in the admin UI, so headers that are reserved or
// malformed are dropped here too.
func storedHeaders(r *core.Record) (map[string]string, error) {
	var stored map[string]string
	if raw := r.GetString("headers"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &stored); err != nil {
			return nil, fmt.Errorf("read extra headers: %w", err)
		}
	}
	headers := make(map[string]string, len(stored)+1)
	for k, v := range stored {
		if validHeader(k, v) {
			headers[k] = v
		}
	}
	return headers, nil
}

// messageID is the same for every attempt at one message, so a copy sent
// again after a crash (see sendingGrace) is recognisable as the same
// message. The dedupe key is hashed: it may name a resident or a request.
func messageID(dedupeKey, sender string) string {
	domain := "townhall.invalid"
	if i := strings.LastIndexByte(sender, '@'); i >= 0 && i < len(sender)-1 {
		domain = sender[i+1:]
	}
	sum := sha256.Sum256([]byte(dedupeKey))
	return "<outbox." + hex.EncodeToString(sum[:16]) + "@" + domain + ">"
}

// settings is a copy of the app's settings, read under PocketBase's lock:
// the worker runs beside requests that may save (and so reload) them.
func settings(app core.App) *core.Settings {
	if s, err := app.Settings().Clone(); err == nil {
		return s
	}
	return app.Settings()
}
