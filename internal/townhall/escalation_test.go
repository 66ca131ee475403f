package townhall_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/desk"
)

// runEscalation runs the escalation job as PocketBase's scheduler does.
func runEscalation(t *testing.T, app core.App) {
	t.Helper()
	for _, j := range app.Cron().Jobs() {
		if j.Id() == requests.EscalationJob {
			j.Run()
			return
		}
	}
	t.Fatalf("no %s job on the scheduler", requests.EscalationJob)
}

// escalationMails counts the escalation messages queued about req.
func escalationMails(t *testing.T, app core.App, req *core.Record) []*core.Record {
	t.Helper()
	recs, err := app.FindRecordsByFilter("outbox", "dedupe_key ~ {:k}", "", 0, 0,
		dbx.Params{"k": "request:" + req.Id + ":staff:escalated:"})
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// An overdue request escalates exactly once across two scheduler runs: to
// the clerk when its department has no lead, with one message linking to
// the desk and one line on the desk's timeline; a request not yet due is
// left alone.
func TestOverdueRequestEscalatesOnce(t *testing.T) {
	fake := clock.NewFake(time.Date(2033, 6, 1, 12, 0, 0, 0, time.UTC))
	app, th := onClock(t, fake)
	t.Cleanup(app.Cleanup)
	th.Town.Reload()
	u, err := app.FindAuthRecordByEmail("users", "resident@aldercreek.example")
	if err != nil {
		t.Fatal(err)
	}
	submit := func() *core.Record {
		rec, err := th.Requests.Submit(app, requests.Input{ServiceCode: "pothole", Channel: "web", Description: "Hole",
			Address: "31 Mill Street", ReporterID: u.Id, Answers: map[string][]string{"size": {"large"}}})
		if err != nil {
			t.Fatal(err)
		}
		return rec
	}
	late := submit()
	fake.Set(late.GetDateTime("due").Time().Add(time.Hour))
	fresh := submit()
	runEscalation(t, app)
	fake.Advance(24 * time.Hour)
	runEscalation(t, app)

	late, err = app.FindRecordById("requests", late.Id)
	if err != nil {
		t.Fatal(err)
	}
	if at := late.GetDateTime("escalated_at").Time(); !at.Equal(late.GetDateTime("due").Time().Add(time.Hour)) {
		t.Errorf("escalated_at %v, want the first run's time", at)
	}
	mails := escalationMails(t, app, late)
	if len(mails) != 1 {
		t.Fatalf("%d escalation messages after two runs, want 1", len(mails))
	}
	su, err := app.FindAllRecords(core.CollectionNameSuperusers)
	if err != nil || len(su) == 0 {
		t.Fatalf("superusers: %v", err)
	}
	if to := mails[0].GetString("to"); to != su[0].Email() {
		t.Errorf("escalation went to %q, want the clerk %q", to, su[0].Email())
	}
	number := late.GetString("number")
	if html := mails[0].GetString("text"); !strings.Contains(html, "/en/staff/requests/"+number) {
		t.Errorf("the message does not link to the desk screen: %s", html)
	}
	events, err := desk.Timeline(app, late)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range events {
		if e.Kind == "escalation" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d escalations on the timeline, want 1", n)
	}
	fresh, err = app.FindRecordById("requests", fresh.Id)
	if err != nil {
		t.Fatal(err)
	}
	if !fresh.GetDateTime("escalated_at").IsZero() || len(escalationMails(t, app, fresh)) != 0 {
		t.Error("a request not yet due was escalated")
	}
}
