package townhall_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/desk"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// sentMessage stores a sent outbox message with dedupe key, sent at.
func sentMessage(t *testing.T, app core.App, key, status string, at time.Time) {
	t.Helper()
	stamp := at.UTC().Format("2006-01-02 15:04:05.000Z")
	sentAt := stamp
	if status != "sent" {
		sentAt = ""
	}
	_, err := app.DB().NewQuery(`INSERT INTO outbox (id, "to", subject, text, html, status, attempts, dedupe_key, kind, sent_at, created, updated)
		VALUES ({:id}, 'r@example.com', 'We received your request', 'Long text', '<p>Long HTML</p>', {:status}, 1, {:key}, 'k', {:sent}, {:at}, {:at})`).
		Bind(dbx.Params{"id": core.GenerateDefaultRandomId(), "key": key, "status": status, "sent": sentAt, "at": stamp}).Execute()
	if err != nil {
		t.Fatal(err)
	}
}

// Past the clerk's retention, a sent email about a request loses its text
// but stays on the request's timeline as sent; other sent emails go, in
// batches; newer and unsent ones stay.
func TestPruneOutboxKeepsDeliveryOnTheTimeline(t *testing.T) {
	app, d := townhalltest.NewRequestsApp(t)
	defer app.Cleanup()
	req, err := d.Submit(app, requests.Input{ServiceCode: "general", Channel: "phone", Description: "Q", ContactName: "Caller"})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	old, recent := now.AddDate(0, 0, -11), now.AddDate(0, 0, -9)
	sentMessage(t, app, "request:"+req.Id+":received:r@example.com", "sent", old)
	sentMessage(t, app, "request:"+req.Id+":resolved:r@example.com", "sent", recent)
	sentMessage(t, app, "digest:old:queued", "queued", old)
	for i := range 1200 {
		sentMessage(t, app, fmt.Sprintf("digest:2026-01-01:user%d", i), "sent", old)
	}
	sentMessage(t, app, "digest:recent", "sent", recent)
	tw, err := app.FindFirstRecordByFilter("town", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	tw.Set("outbox_retention_days", 10)
	if err := app.Save(tw); err != nil {
		t.Fatal(err)
	}
	d.Town.Reload()
	if err := townhall.PruneOutbox(app, d.Town.Get(), clock.Or(nil)); err != nil {
		t.Fatal(err)
	}
	left := map[string]string{}
	var rows []struct {
		Key  string `db:"dedupe_key"`
		Text string `db:"text"`
		HTML string `db:"html"`
	}
	if err := app.DB().Select("dedupe_key", "text", "html").From("outbox").Where(dbx.NewExp("kind = 'k'")).All(&rows); err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		left[r.Key] = r.Text + r.HTML
	}
	want := map[string]string{
		"request:" + req.Id + ":received:r@example.com": "",
		"request:" + req.Id + ":resolved:r@example.com": "Long text<p>Long HTML</p>",
		"digest:old:queued":                             "Long text<p>Long HTML</p>",
		"digest:recent":                                 "Long text<p>Long HTML</p>",
	}
	if fmt.Sprint(left) != fmt.Sprint(want) {
		t.Errorf("left after pruning:\n%v\nwant\n%v", left, want)
	}
	events, err := desk.Timeline(app, req)
	if err != nil {
		t.Fatal(err)
	}
	delivered := 0
	for _, e := range events {
		if e.Kind == "message" && e.Delivery == "sent" && e.To == "r@example.com" {
			delivered++
		}
	}
	if delivered != 2 {
		t.Errorf("%d sent emails on the timeline, want 2: %+v", delivered, events)
	}
	if n := schematest.Count(t, app, "outbox", dbx.NewExp("dedupe_key LIKE 'digest:2026-01-01:%'")); n != 0 {
		t.Errorf("%d old digests left", n)
	}
}
