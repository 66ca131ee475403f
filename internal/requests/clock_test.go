package requests_test

import (
	"errors"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// The request rules read the domain's clock: the number's year, the due
// date, closed_at and the reopening window all follow it.
func TestRequestRulesReadTheDomainsClock(t *testing.T) {
	app, d := townApp(t)
	svc := question(t, app, works(t, app))
	now := time.Date(2031, 1, 2, 9, 0, 0, 0, schematest.Location(t, "America/New_York"))
	fake := clock.NewFake(now)
	d.Clock = fake
	rec, err := d.Submit(app, requests.Input{ServiceCode: "general", Channel: "web", ReporterID: resident(t, app).Id, Description: "Q"})
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.GetString("number"); got != "2031-0001" {
		t.Errorf("number %q, want 2031-0001 (the clock's year)", got)
	}
	want := requests.DueDate(d.Town.Get(), now, svc.GetInt("response_days"))
	if got := rec.GetDateTime("due").Time(); !got.Equal(want) {
		t.Errorf("due %v, want %v", got, want)
	}
	closed := fake.Advance(time.Hour)
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "status", Status: "resolved", Body: "Done."}); err != nil {
		t.Fatal(err)
	}
	if rec, err = app.FindRecordById("requests", rec.Id); err != nil {
		t.Fatal(err)
	}
	if got := rec.GetDateTime("closed_at").Time(); !got.Equal(closed) {
		t.Errorf("closed_at %v, want %v", got, closed)
	}
	fake.Advance(requests.ReopenWindow + time.Minute)
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "reopen", Body: "late"}); !errors.Is(err, requests.ErrReopenWindow) {
		t.Errorf("reopened past the window on the domain's clock: %v", err)
	}
	fake.Set(closed.Add(requests.ReopenWindow - time.Minute))
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "reopen", Body: "still broken"}); err != nil {
		t.Errorf("reopening within the window: %v", err)
	}
}
