package notify

import (
	"errors"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/town"
)

// Composer writes the emails the channels ask for: sign-in codes, address
// checks and password resets (web), acknowledgements of requests sent by
// email (mailin) and new API keys (open311), each in its recipient's
// language and queued in the caller's transaction.
type Composer struct {
	Bundle *i18n.Bundle
	Town   *town.Store
}

// Mail is where a letter goes and what the outbox files it under.
type Mail struct {
	To, ToName, Lang, Subject string
	DedupeKey, Kind           string
	Headers                   map[string]string
	Files                     []outbox.Attachment
	// FooterID names the footer (given the town's name) of a letter that
	// has none; empty is the standard "email.footer".
	FooterID string
}

// letterMessage renders l for m under the town's name, with m's footer
// when l has none: the one place a letter becomes an outbox message.
func letterMessage(b *i18n.Bundle, t *town.Town, l Letter, m Mail) (*outbox.Message, error) {
	name := t.NameIn(m.Lang)
	l.Lang, l.Town = m.Lang, name
	if l.Footer == "" {
		id := m.FooterID
		if id == "" {
			id = "email.footer"
		}
		l.Footer = b.T(m.Lang, id, map[string]any{"Town": name})
	}
	text, html, err := l.Render()
	if err != nil {
		return nil, err
	}
	return &outbox.Message{To: m.To, ToName: m.ToName, Subject: m.Subject, Text: text, HTML: html,
		Headers: m.Headers, DedupeKey: m.DedupeKey, Kind: m.Kind, Language: m.Lang}, nil
}

// queueLetter renders l for m and queues it with m's files: the one way a
// letter is built and queued.
func queueLetter(app core.App, b *i18n.Bundle, t *town.Town, l Letter, m Mail) error {
	msg, err := letterMessage(b, t, l, m)
	if err != nil {
		return err
	}
	_, err = outbox.QueueWithAttachments(app, *msg, m.Files)
	return err
}

// queueFollowUp is queueLetter for mail about something already saved (a
// request, a booking): an address the outbox cannot take is logged and
// skipped, so it never undoes what the resident did.
func queueFollowUp(app core.App, b *i18n.Bundle, t *town.Town, l Letter, m Mail) error {
	err := queueLetter(app, b, t, l, m)
	if errors.Is(err, outbox.ErrInvalidMessage) {
		app.Logger().Warn("email not queued", "to", m.To, "kind", m.Kind, "error", err.Error())
		return nil
	}
	return err
}

// queue is queueLetter for the composer's own emails.
func (c *Composer) queue(app core.App, l Letter, m Mail) error {
	return queueLetter(app, c.Bundle, c.Town.Get(), l, m)
}
