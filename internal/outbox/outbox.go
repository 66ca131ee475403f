// Package outbox is Townhall's durable queue of outgoing messages. Queue
// stores a message in the outbox collection, inside the caller's
// transaction when there is one, and never twice for one dedupe key; a
// Worker sends the outbox one message at a time through the transport of
// the message's channel (email today: the SMTP server in PocketBase's mail
// settings), retries with backoff, and holds messages with the reason shown
// while their channel cannot send. It composes nothing: package notify
// writes the messages.
package outbox

import (
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Collection is the outbox collection's name.
const Collection = "outbox"

// The statuses a clerk sees in the admin UI.
const (
	StatusQueued  = "queued"
	StatusHeld    = "held"
	StatusSending = "sending"
	StatusSent    = "sent"
	StatusFailed  = "failed"
)

// The channels a message can go out by, each with its transport: email
// through SMTP, sms through the provider the clerk set in sms_settings.
// Push would be one more value of the channel field and transports.
const (
	ChannelEmail = "email"
	ChannelSMS   = "sms"
)

// HeldReason is the error text on held mail, written for the clerk.
const HeldReason = "Mail is not sent: no SMTP server is set up. " +
	"The clerk can set one in Settings → Mail settings; held mail goes out then."

// Message is one message to send. To is the recipient's address on
// Channel (an email address for email, a number as +15551234567 for sms);
// an empty Channel is email. A text has no subject: Queue files it under
// its kind.
type Message struct {
	Channel                         string
	To, ToName, Subject, Text, HTML string
	Headers                         map[string]string // e.g. Reply-To, List-Unsubscribe
	DedupeKey                       string            // required: a key already in the outbox is never queued again
	Kind, Language                  string
}

// ErrInvalidMessage is wrapped by every validation error from Queue.
var ErrInvalidMessage = errors.New("invalid message")

// Queue stores m in the outbox and returns false (and no error) when its
// DedupeKey is already there.
//
// app may be a transaction app (the txApp of RunInTransaction): the record is
// then part of the caller's transaction, so a request and its email commit
// or roll back together. The worker is woken once the record is committed.
func Queue(app core.App, m Message) (bool, error) {
	if err := m.Validate(); err != nil {
		return false, err
	}
	if found, err := dedupeKeyExists(app, m.DedupeKey); err != nil || found {
		return false, err
	}
	if m.channel() == ChannelSMS {
		// A number that texted STOP gets nothing more, whatever the
		// provider does; only the confirmation of the STOP itself.
		if stopped, err := Stopped(app, m.To); err != nil || (stopped && m.Kind != KindStopped) {
			return false, err
		}
		if m.Subject == "" {
			m.Subject = "Text: " + m.Kind
		}
	}
	col, err := app.FindCachedCollectionByNameOrId(Collection)
	if err != nil {
		return false, fmt.Errorf("find the outbox collection: %w", err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{
		"to": m.To, "to_name": m.ToName, "subject": m.Subject, "text": m.Text, "html": m.HTML,
		"headers": m.Headers, "status": StatusQueued, "attempts": 0, "dedupe_key": m.DedupeKey,
		"kind": m.Kind, "language": m.Language, "channel": m.channel(),
	})
	if err := app.Save(r); err != nil {
		// Two callers may pass the check above at once; the unique index lets
		// only one in, and the other is the duplicate it would have been.
		if found, _ := dedupeKeyExists(app, m.DedupeKey); found {
			return false, nil
		}
		return false, fmt.Errorf("save outbox record: %w", err)
	}
	return true, nil
}

// dedupeKeyExists reports whether a message with key is in the outbox. It
// reads one index entry, not the record: a digest asks it 50,000 times.
func dedupeKeyExists(app core.App, key string) (bool, error) {
	var found int
	err := app.DB().NewQuery("SELECT 1 FROM outbox WHERE dedupe_key = {:key} LIMIT 1").
		Bind(dbx.Params{"key": key}).Row(&found)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, sql.ErrNoRows):
		return false, nil
	default:
		return false, fmt.Errorf("look up dedupe key: %w", err)
	}
}

func (m Message) channel() string {
	if m.Channel == "" {
		return ChannelEmail
	}
	return m.Channel
}

// Validate reports the first thing wrong with m, wrapping
// ErrInvalidMessage: what Queue would refuse.
func (m Message) Validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: "+format, append([]any{ErrInvalidMessage}, args...)...)
	}
	switch m.channel() {
	case ChannelEmail:
		if a, err := mail.ParseAddress(m.To); err != nil || a.Address != m.To {
			return bad("recipient %q is not an email address", m.To)
		}
	case ChannelSMS:
		if !ValidNumber(m.To) {
			return bad("recipient %q is not a phone number as +15551234567", m.To)
		}
		if strings.TrimSpace(m.Text) == "" || m.HTML != "" || len(m.Headers) > 0 {
			return bad("a text has a text and no HTML or headers")
		}
		if strings.TrimSpace(m.DedupeKey) == "" {
			return bad("dedupe key is empty")
		}
		return nil
	default:
		return bad("channel %q has no transport", m.Channel)
	}
	switch {
	case strings.TrimSpace(m.Subject) == "":
		return bad("subject is empty")
	case strings.ContainsAny(m.Subject+m.ToName, "\r\n"):
		return bad("subject and recipient name must be one line")
	case strings.TrimSpace(m.DedupeKey) == "":
		return bad("dedupe key is empty")
	case strings.TrimSpace(m.Text) == "" && strings.TrimSpace(m.HTML) == "":
		return bad("text and html are both empty")
	}
	for k, v := range m.Headers {
		if !validHeader(k, v) {
			return bad("header %q cannot be set: a reserved or malformed name, or more than one line", k)
		}
	}
	return nil
}
