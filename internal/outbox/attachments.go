package outbox

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// Attachments are small files sent with a message, such as a booking's
// .ics. They live in the outbox record's attachments field, so they are
// stored, committed and retried together with the message.

// Attachment is one file of a message.
type Attachment struct {
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Content     string `json:"content"` // base64
}

// NewAttachment wraps data as an attachment.
func NewAttachment(name, contentType string, data []byte) Attachment {
	return Attachment{Name: name, ContentType: contentType, Content: base64.StdEncoding.EncodeToString(data)}
}

// QueueWithAttachments is Queue for a message with files. The message and
// its files are written in one transaction (the caller's, if app is one),
// so the worker never sees the message without them.
func QueueWithAttachments(app core.App, m Message, files []Attachment) (bool, error) {
	for _, f := range files {
		if !safeFileName(f.Name) {
			return false, fmt.Errorf("%w: attachment name %q", ErrInvalidMessage, f.Name)
		}
	}
	var queued bool
	err := app.RunInTransaction(func(tx core.App) error {
		var err error
		if queued, err = Queue(tx, m); err != nil || !queued || len(files) == 0 {
			return err
		}
		r, err := tx.FindFirstRecordByData(Collection, "dedupe_key", m.DedupeKey)
		if err != nil {
			return fmt.Errorf("reload outbox record: %w", err)
		}
		r.Set("attachments", files)
		return tx.Save(r)
	})
	return queued, err
}

// storedAttachments reads the record's files for the mailer. The mailer
// detects each file's type from its content.
func storedAttachments(r *core.Record) (map[string]io.Reader, error) {
	raw := r.GetString("attachments")
	if raw == "" || raw == "null" {
		return nil, nil
	}
	var files []Attachment
	if err := json.Unmarshal([]byte(raw), &files); err != nil {
		return nil, fmt.Errorf("read attachments: %w", err)
	}
	out := make(map[string]io.Reader, len(files))
	for _, f := range files {
		data, err := base64.StdEncoding.DecodeString(f.Content)
		if err != nil {
			return nil, fmt.Errorf("read attachment %q: %w", f.Name, err)
		}
		if safeFileName(f.Name) {
			out[f.Name] = bytes.NewReader(data)
		}
	}
	return out, nil
}

// safeFileName is a plain file name, nothing that could end a header.
func safeFileName(name string) bool {
	return name != "" && len(name) <= 100 && path.Base(name) == name && !strings.ContainsAny(name, "\"\r\n\\/")
}
