package open311

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/notify"
)

// How a key reaches its developer, exactly once.
//
// The clerk creates a key in the admin UI (Collections → api_keys → New
// record) with the app's name and a contact email. PocketBase's dashboard
// has no way to show a value once and forget it, so the key is made on the
// server as the record is saved: the hook below draws 130 random bits,
// stores only their SHA-256 hash and the first characters (the prefix, to
// tell keys apart in the admin UI and the logs) and queues an email with
// the key to the contact, in the same save; if the email cannot be queued
// the record is removed, so no key exists that nobody received. When the
// email has been sent its text is cut from the outbox, so from then on the
// key exists only with the developer. Until then (no mail server set up,
// say) the clerk can read it in the outbox record and pass it on by hand.
//
// A lost key cannot be shown again: the clerk makes a new one. Unticking
// active, or deleting the record, revokes a key at once.

// KeyKind is the outbox kind of the email that carries a new key.
const KeyKind = notify.APIKeyKind

const (
	keyPrefix    = "th_"
	prefixLength = len(keyPrefix) + 6
)

// NewKey returns a fresh API key: "th_" and 26 random base32 characters.
func NewKey() string { return keyPrefix + rand.Text() }

// Hash is how a key is stored and looked up.
func Hash(key string) string {
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:])
}

func registerKeys(app core.App, h *Handler) {
	app.OnRecordCreate("api_keys").BindFunc(h.keyCreated)
	notify.ScrubSentKeys(app)
}

// keyCreated makes the key of a new api_keys record and sends it. A record
// created with a hash already (an import) is left alone.
func (h *Handler) keyCreated(e *core.RecordEvent) error {
	r := e.Record
	if r.GetString("key_hash") != "" {
		return e.Next()
	}
	if strings.TrimSpace(r.GetString("contact")) == "" {
		return validation.Errors{"contact": validation.NewError("validation_required",
			"Give the developer's email: the new key is sent there, once.")}
	}
	key := NewKey()
	r.Set("key_hash", Hash(key))
	r.Set("prefix", key[:prefixLength])
	r.Set("active", true)
	if err := e.Next(); err != nil {
		return err
	}
	if err := h.sendKey(e.App, r, key); err != nil {
		if derr := e.App.Delete(r); derr != nil {
			e.App.Logger().Error("open311: remove a key that was not sent", "prefix", r.GetString("prefix"), "error", derr.Error())
		}
		return fmt.Errorf("send the new API key: %w", err)
	}
	e.App.Logger().Info("open311: key created and queued for its contact", "prefix", r.GetString("prefix"), "name", r.GetString("name"))
	return nil
}

// sendKey queues the email that gives the developer their key.
func (h *Handler) sendKey(app core.App, r *core.Record, key string) error {
	rate := r.GetInt("rate_per_hour")
	if rate <= 0 {
		rate = h.limiter.def
	}
	return h.mail.APIKeyIssued(app, r, key, rate, Prefix+"/discovery.json")
}

// findKey returns the active key given, or nil.
func findKey(app core.App, given string) *core.Record {
	if given == "" {
		return nil
	}
	r, err := app.FindFirstRecordByData("api_keys", "key_hash", Hash(given))
	if err != nil || !r.GetBool("active") {
		return nil
	}
	return r
}
