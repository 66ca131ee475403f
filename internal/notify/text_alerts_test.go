package notify_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// A critical notice is texted, once, in their language, to every account
// that confirmed a number and chose texts for alerts, with the notices'
// link; not to one that did not choose them, nor to a number that texted
// STOP.
func TestCriticalNoticeTexts(t *testing.T) {
	app, th := newTown(t)
	text := func(email, lang, number string, alerts bool) {
		u := account{email: email, lang: lang}.create(t, app)
		u.Set("sms_number", number)
		u.Set("sms_alerts", alerts)
		if err := app.Save(u); err != nil {
			t.Fatal(err)
		}
	}
	text("eve@example.org", "en", "+15555550101", true)
	text("ines@example.org", "es", "+15555550102", true)
	text("quiet@example.org", "en", "+15555550103", false)
	text("gone@example.org", "en", "+15555550104", true)
	schematest.Create(t, app, "sms_numbers", map[string]any{"number": "+15555550104", "stopped": true})

	n := publish(t, app, "critical", time.Time{})
	for range 2 { // the second pass sends nothing again
		if err := th.Alerts.Due(app, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	texts := outboxWhere(t, app, "channel = 'sms' && dedupe_key ~ {:n}", dbx.Params{"n": n.Id})
	got := map[string]string{}
	for _, m := range texts {
		got[m.GetString("to")] = m.GetString("text")
	}
	if len(texts) != 2 || !strings.Contains(got["+15555550101"], "Water main break on Elm Street") ||
		!strings.Contains(got["+15555550101"], "/en/notices") || !strings.Contains(got["+15555550102"], "Rotura de tubería en la calle Elm") ||
		!strings.Contains(got["+15555550102"], "/es/notices") {
		t.Errorf("%d texts, want one each to the two who chose them: %v", len(texts), got)
	}
}
