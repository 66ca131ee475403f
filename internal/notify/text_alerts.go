package notify

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/town"
)

// textAlerts texts a critical notice's title and link to every account
// that confirmed a number and chose texts for alerts, once each, and
// reports how many were queued.
func (a *Alerts) textAlerts(app core.App, n *core.Record) (int, error) {
	var people []struct {
		ID       string `db:"id"`
		Number   string `db:"sms_number"`
		Language string `db:"language"`
	}
	err := app.DB().NewQuery(`SELECT id, sms_number, language FROM users
		WHERE sms_alerts = TRUE AND sms_number != '' ORDER BY id`).All(&people)
	if err != nil {
		return 0, fmt.Errorf("list text alert recipients: %w", err)
	}
	t := a.Town.Get()
	c := &Composer{Bundle: a.Bundle, Town: a.Town}
	queued := 0
	err = app.RunInTransaction(func(tx core.App) error {
		for _, who := range people {
			lang := who.Language
			if !t.Offers(lang) {
				lang = t.DefaultLanguage
			}
			title, _ := i18n.Text(n, "title", lang, t.DefaultLanguage)
			msg := Text{To: who.Number, Lang: lang, Kind: "alert.sms", DedupeKey: "alert:" + n.Id + ":" + who.ID + ":sms"}
			if err := c.TextReply(tx, msg, "sms.alert", map[string]any{"Query": title}, town.AbsURL(tx, "/"+lang+"/notices")); err != nil {
				return err
			}
			queued++
		}
		return nil
	})
	return queued, err
}
