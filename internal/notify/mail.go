package notify

import (
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
}

// message renders l for m, under the town's name: the one place a letter
// becomes an outbox message.
func (m Mail) message(townName string, l Letter) (*outbox.Message, error) {
	l.Lang, l.Town = m.Lang, townName
	text, html, err := l.Render()
	if err != nil {
		return nil, err
	}
	return &outbox.Message{To: m.To, ToName: m.ToName, Subject: m.Subject, Text: text, HTML: html,
		Headers: m.Headers, DedupeKey: m.DedupeKey, Kind: m.Kind, Language: m.Lang}, nil
}

// queueLetter renders l for m and queues it with m's files. A letter
// without a footer gets the standard one.
func queueLetter(app core.App, b *i18n.Bundle, t *town.Town, l Letter, m Mail) error {
	name := t.NameIn(m.Lang)
	if l.Footer == "" {
		l.Footer = b.T(m.Lang, "email.footer", map[string]any{"Town": name})
	}
	msg, err := m.message(name, l)
	if err != nil {
		return err
	}
	_, err = outbox.QueueWithAttachments(app, *msg, m.Files)
	return err
}

// queue is queueLetter for the composer's own emails.
func (c *Composer) queue(app core.App, l Letter, m Mail) error {
	return queueLetter(app, c.Bundle, c.Town.Get(), l, m)
}
