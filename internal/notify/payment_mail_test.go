package notify_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// A resident who asked for water bill reminders gets one, in their
// language, when the bill falls due within five days, and only once for
// that due date; a resident who did not ask gets none.
func TestWaterReminders(t *testing.T) {
	app, th := newTown(t)
	now := time.Now().UTC()
	due := now.AddDate(0, 0, 3).Format("2006-01-02")
	csv := "account_number,house_number,balance,due_date\nWA-1,31,48.20," + due + "\nWA-2,12,20," + due + "\n"
	if _, err := th.Payments.ImportAccounts(app, strings.NewReader(csv)); err != nil {
		t.Fatal(err)
	}
	u := schematest.Resident(t, app, "resident@testville.example", "es")
	for _, n := range []string{"WA-1", "WA-2"} {
		a, err := th.Payments.LinkAccount(app, u.Id, n, map[string]string{"WA-1": "31", "WA-2": "12"}[n])
		if err != nil {
			t.Fatal(err)
		}
		if n == "WA-1" {
			a.Set("remind", true)
			if err := app.Save(a); err != nil {
				t.Fatal(err)
			}
		}
	}
	// The resident chose texts for updates: the reminder is texted too.
	u.Set("sms_number", "+15555550123")
	u.Set("sms_updates", true)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	pm := &notify.PaymentMail{Bundle: th.Bundle, Town: th.Town}
	for i, want := range []int{1, 0} {
		n, err := pm.Reminders(app, now)
		if err != nil || n != want {
			t.Fatalf("run %d: %d reminders (%v), want %d", i+1, n, err, want)
		}
	}
	msgs, err := app.FindRecordsByFilter("outbox", "kind = 'water.reminder'", "", 0, 0, dbx.Params{})
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 1 || !strings.Contains(msgs[0].GetString("text"), "WA-1") || !strings.Contains(msgs[0].GetString("subject"), "Factura del agua") {
		var first string
		if len(msgs) > 0 {
			first = msgs[0].GetString("subject") + ": " + msgs[0].GetString("text")
		}
		t.Fatalf("%d reminders queued, want 1 to WA-1 in Spanish; first %q", len(msgs), first)
	}
	texts, err := app.FindRecordsByFilter("outbox", "kind = 'water.reminder.sms'", "", 0, 0, dbx.Params{})
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) != 1 || texts[0].GetString("to") != "+15555550123" || !strings.Contains(texts[0].GetString("text"), "factura del agua WA-1") ||
		!strings.Contains(texts[0].GetString("text"), "/es/account/water") {
		t.Fatalf("%d reminder texts, want 1 to the resident's number in Spanish: %v", len(texts), texts)
	}
}
