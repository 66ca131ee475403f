package mailin

import (
	"bytes"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// Intake turns the messages the listener accepts into requests and
// comments, through the requests domain.
type Intake struct {
	App      core.App
	Requests *requests.Domain
	Bundle   *i18n.Bundle
	Town     *town.Store
	// AutoReplyEvery is the least time between two acknowledgements to one
	// sender; default 5 minutes.
	AutoReplyEvery time.Duration
	// MaxReceived is the most Received headers a message may carry before
	// it is refused as a mail loop; default 30.
	MaxReceived int
}

// Envelope is what the SMTP conversation said about a message.
type Envelope struct {
	ReturnPath string // MAIL FROM; "" for the null sender
	To         []Target
	RemoteIP   string
	Helo       string // the name the client gave in EHLO, for SPF
}

// Replies to DATA. The 250 itself is sent only once the message is stored.
var (
	errUnreadable = &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "The message could not be read"}
	errLoop       = &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 4, 6}, Message: "Too many Received headers: a mail loop"}
	errEmptyReply = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "The reply has no text of its own above the quoted message"}
)

const inboundCollection = "inbound_mail"

// Deliver files one accepted message. It returns an *smtp.SMTPError for
// what the sender should hear, or another error for an internal failure.
// It makes no DNS look-ups of its own (the listener does, see
// Config.NoSenderChecks), so no sender counts as verified.
func (in *Intake) Deliver(env Envelope, raw []byte) error {
	return in.deliver(env, raw, &senderCheck{off: true})
}

func (in *Intake) deliver(env Envelope, raw []byte, check *senderCheck) error {
	msg, err := Parse(raw)
	if err != nil {
		return in.refuse(env, headerOnly(raw), errUnreadable, "the message could not be read: "+err.Error())
	}
	if msg.From == "" {
		msg.From = strings.ToLower(env.ReturnPath)
	}
	if msg.Received > in.maxReceived() {
		return in.refuse(env, msg, errLoop, fmt.Sprintf("mail loop: %d Received headers", msg.Received))
	}
	if dup, err := in.repeat(env, msg); err != nil || dup {
		return err // a copy delivered again, after a lost 250: already stored
	}
	k := classify(env.ReturnPath, msg)
	if k == bounce || k == autoReply {
		return in.App.RunInTransaction(func(tx core.App) error {
			return in.log(tx, env, msg, logEntry{Outcome: "ignored", Reason: reasons[k]})
		})
	}
	// DNS before any transaction: SQLite has one writer, and the look-ups
	// can take seconds.
	auth := check.authenticate(env, raw, msg)
	var replies []Target
	for _, t := range env.To {
		if t.IsReply() {
			replies = append(replies, t)
		}
	}
	if len(replies) > 0 {
		err = in.comment(env, msg, replies, auth)
	} else {
		err = in.request(env, msg, k, auth)
	}
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		return in.refuse(env, msg, se, se.Message)
	}
	return err
}

func (in *Intake) maxReceived() int {
	if in.MaxReceived > 0 {
		return in.MaxReceived
	}
	return 30
}

// repeat reports whether this message (the same sender, Message-ID and
// content) was already stored, and records the copy. Another message that
// reuses a Message-ID is not a repeat.
func (in *Intake) repeat(env Envelope, msg *Message) (bool, error) {
	if msg.MessageID == "" {
		return false, nil
	}
	var first []*core.Record
	err := in.App.RecordQuery(inboundCollection).AndWhere(dbx.HashExp{"sender": msg.From,
		"message_id": clip(msg.MessageID, 300), "content_hash": msg.Hash, "outcome": stored}).Limit(1).All(&first)
	if err != nil {
		return false, fmt.Errorf("look for an earlier copy: %w", err)
	}
	if len(first) == 0 {
		return false, nil
	}
	return true, in.App.RunInTransaction(func(tx core.App) error {
		return in.log(tx, env, msg, logEntry{Outcome: "duplicate", RequestID: first[0].GetString("request"),
			Reason: "a copy of the message received " + first[0].GetDateTime("created").String()})
	})
}

// stored are the outcomes of a message that was taken: a repeat of one of
// these is dropped.
var stored = []any{"request", "comment", "ignored"}

// refuse records a message the sender is told is refused (err), with its
// sender, subject and reason, and returns err. A refusal that could not be
// recorded is logged and refused all the same.
func (in *Intake) refuse(env Envelope, msg *Message, err *smtp.SMTPError, reason string) error {
	if msg.From == "" {
		msg.From = strings.ToLower(env.ReturnPath)
	}
	lerr := in.App.RunInTransaction(func(tx core.App) error {
		return in.log(tx, env, msg, logEntry{Outcome: "refused", Reason: fmt.Sprintf("%d %s", err.Code, reason)})
	})
	if lerr != nil {
		in.App.Logger().Error("mailin: record a refused message", "return_path", env.ReturnPath, "error", lerr.Error())
	}
	return err
}

// headerOnly is what can be read of an unreadable message's header, for
// the record of its refusal.
func headerOnly(raw []byte) *Message {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return &Message{}
	}
	msg := &Message{Subject: oneLine(decodeHeader(m.Header.Get("Subject"))),
		MessageID: strings.Trim(strings.TrimSpace(m.Header.Get("Message-Id")), "<>")}
	msg.From, msg.FromName = parseFrom(m.Header.Get("From"))
	return msg
}

// logEntry is what became of a message, for the inbound_mail log.
type logEntry struct {
	Outcome, Reason, RequestID string
	AutoReply                  bool
}

func (in *Intake) log(tx core.App, env Envelope, msg *Message, e logEntry) error {
	col, err := tx.FindCachedCollectionByNameOrId(inboundCollection)
	if err != nil {
		return err
	}
	to := make([]string, len(env.To))
	for i, t := range env.To {
		to[i] = t.Address
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{
		"subject": clip(msg.Subject, 300), "sender": clip(msg.From, 320), "return_path": clip(env.ReturnPath, 320),
		"recipients": clip(strings.Join(to, ", "), 2000), "message_id": clip(msg.MessageID, 300),
		"outcome": e.Outcome, "reason": clip(e.Reason, 300), "request": e.RequestID, "auto_reply": e.AutoReply,
		"remote_ip": clip(env.RemoteIP, 60), "content_hash": msg.Hash,
	})
	if err := tx.Save(r); err != nil {
		return fmt.Errorf("log inbound mail: %w", err)
	}
	return nil
}

// clip keeps s within limit characters.
func clip(s string, limit int) string {
	if r := []rune(s); len(r) > limit {
		return string(r[:limit-1]) + "…"
	}
	return s
}
