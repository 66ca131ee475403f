package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/notify"
)

// sendLetter queues an email to one address through the outbox. The letter
// gets the town's name and the standard footer in lang.
func (h *Handler) sendLetter(app core.App, lang, to, subject string, l notify.Letter, dedupe, kind string) error {
	l.Lang = lang
	l.Town = h.town.Get().NameIn(lang)
	if l.Footer == "" {
		l.Footer = h.bundle.T(lang, "email.footer", map[string]any{"Town": l.Town})
	}
	text, html, err := l.Render()
	if err != nil {
		return err
	}
	_, err = notify.Queue(app, notify.Message{
		To: to, Subject: subject, Text: text, HTML: html, DedupeKey: dedupe, Kind: kind, Language: lang,
	})
	return err
}
