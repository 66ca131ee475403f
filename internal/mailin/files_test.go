package mailin_test

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/mailin"
	"github.com/townhall/townhall/internal/upload/uploadtest"
)

// withPhotos is a message to pothole@ with the given PNG attachments.
func withPhotos(from string, photos map[string][]byte) []byte {
	var b strings.Builder
	b.WriteString("From: " + from + "\r\nTo: pothole@testville.example\r\nSubject: Hole\r\nMIME-Version: 1.0\r\n" +
		"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nA deep hole outside 3 Oak Lane.\r\n")
	for name, data := range photos {
		b.WriteString("--b\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=" + name +
			"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
		enc := base64.StdEncoding.EncodeToString(data)
		for len(enc) > 76 {
			b.WriteString(enc[:76] + "\r\n")
			enc = enc[76:]
		}
		b.WriteString(enc + "\r\n")
	}
	b.WriteString("--b--\r\n")
	return []byte(b.String())
}

// An attached picture of more than 40 megapixels is left out (never
// decoded) and named in the staff note; the other photo and the words are
// kept.
func TestHugeAttachmentIsDropped(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{MaxMessageBytes: 4 << 20})
	from := "big.picture@example.org"
	f.mustSend(t, from, []string{"pothole@testville.example"},
		withPhotos(from, map[string][]byte{"huge.png": uploadtest.HugePNG(t), "hole.png": uploadtest.SmallPNG(t)}))
	r := requestFrom(t, f.app, from)
	if got := r.GetStringSlice("photos"); len(got) != 1 || !strings.HasPrefix(got[0], "hole") {
		t.Errorf("photos %q, want only hole.png", got)
	}
	notes := records(t, f.app, "request_updates", dbx.HashExp{"request": r.Id, "kind": "note"})
	var dropped bool
	for _, n := range notes {
		body := n.GetString("body")
		dropped = dropped || strings.Contains(body, "huge.png") && !strings.Contains(body, "hole.png")
	}
	if !dropped {
		t.Errorf("no staff note names huge.png alone: %d notes", len(notes))
	}
}
