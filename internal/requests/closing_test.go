package requests_test

import (
	"math"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/requests"
)

// Closing a request stores how many days it took and whether by its due
// date; reopening clears both, and closing again late is not on time.
func TestClosingIsKeptOnTheRequest(t *testing.T) {
	app, d := townApp(t)
	question(t, app, works(t, app))
	fake := clock.NewFake(time.Now())
	d.Clock = fake
	rec, err := d.Submit(app, requests.Input{ServiceCode: "general", Channel: "web", ReporterID: resident(t, app).Id, Description: "Q"})
	if err != nil {
		t.Fatal(err)
	}
	created, due := rec.GetDateTime("created").Time(), rec.GetDateTime("due").Time()
	status := func(kind, status string) {
		t.Helper()
		if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: kind, Status: status, Body: "x"}); err != nil {
			t.Fatal(err)
		}
		if rec, err = app.FindRecordById("requests", rec.Id); err != nil {
			t.Fatal(err)
		}
	}
	check := func(days float64, onTime bool) {
		t.Helper()
		if got := rec.GetFloat("close_days"); math.Abs(got-days) > 1e-6 || rec.GetBool("closed_on_time") != onTime {
			t.Errorf("close_days %v, closed_on_time %v; want %v, %v", got, rec.GetBool("closed_on_time"), days, onTime)
		}
	}
	fake.Set(created.Add(36 * time.Hour))
	status("status", "resolved")
	check(1.5, true)
	status("reopen", "")
	check(0, false)
	late := due.Add(24 * time.Hour)
	fake.Set(late)
	status("status", "resolved")
	check(clock.WallDays(created, late, d.Town.Get().Location), false)
}
