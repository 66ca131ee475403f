package notify

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/town"
)

// APIKeyKind is the outbox kind of the email that carries a new Open311
// API key.
const APIKeyKind = "api_key"

// scrubbedKeyText replaces the text of a key's email once it is sent.
const scrubbedKeyText = "This email carried a new Open311 API key. The key was removed from the outbox once sent: Townhall keeps only its SHA-256 hash."

// APIKeyIssued emails a new API key to the developer who asked for it, in
// the town's default language: the key record (its name and contact), the
// key itself, the requests an hour it may send, and the path of the API's
// discovery document. Until the email is sent the clerk can read the key
// in the outbox; ScrubSentKeys removes it from there once it is.
func (c *Composer) APIKeyIssued(app core.App, rec *core.Record, key string, perHour int, discovery string) error {
	t := c.Town.Get()
	lang := t.DefaultLanguage
	data := map[string]any{"Name": rec.GetString("name"), "Town": t.NameIn(lang), "Count": perHour, "Email": t.Email}
	b := c.Bundle
	dev, api := town.AbsURL(app, "/"+lang+"/developers"), town.AbsURL(app, discovery)
	return c.queue(app, Letter{
		Paragraphs: []string{b.T(lang, "developers.key_email.intro", data), key,
			b.T(lang, "developers.key_email.keep", data), b.T(lang, "developers.key_email.rate", data)},
		Sections: []Section{{Title: b.T(lang, "developers.key_email.docs", data),
			Items: []Item{{Text: dev, URL: dev}, {Text: api, URL: api}}}},
		Footer: b.T(lang, "developers.key_email.not_asked", data),
	}, Mail{To: rec.GetString("contact"), ToName: rec.GetString("name"), Lang: lang,
		Subject:   b.T(lang, "developers.key_email.subject", data),
		DedupeKey: "open311-key:" + rec.Id, Kind: APIKeyKind})
}

// ScrubSentKeys removes a key from its email once the email is sent, so
// from then on the key exists only with the developer. It writes the
// columns directly: the worker is done with the record, and the change is
// not the clerk's to see as an edit.
func ScrubSentKeys(app core.App) {
	app.OnRecordAfterUpdateSuccess(outbox.Collection).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		r := e.Record
		if r.GetString("kind") != APIKeyKind || r.GetString("status") != outbox.StatusSent || r.GetString("text") == scrubbedKeyText {
			return nil
		}
		_, err := e.App.DB().Update(outbox.Collection, dbx.Params{"text": scrubbedKeyText, "html": ""}, dbx.HashExp{"id": r.Id}).Execute()
		return err
	})
}
