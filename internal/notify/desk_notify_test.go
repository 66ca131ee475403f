package notify_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// mailsTo are the outbox messages of kind to email.
func mailsTo(t testing.TB, app core.App, email, kind string) []*core.Record {
	t.Helper()
	return outboxWhere(t, app, "to = {:to} && kind = {:k}", dbx.Params{"to": email, "k": kind})
}

// A staff member who chose the staff digest on the desk gets no email for
// each new request or resident reply: the digest lists the reply; a
// colleague who did not choose is emailed at once, as before.
func TestStaffChoosesDigest(t *testing.T) {
	t.Parallel()
	app, th := newTown(t)
	works := catalogue(t, app)
	account{email: "now@testville.example", lang: "en", role: "staff", dept: works.Id}.create(t, app)
	later := account{email: "later@testville.example", lang: "es", role: "staff", dept: works.Id, digest: "daily"}.create(t, app)
	schematest.Create(t, app, "desk_notify", map[string]any{"person": later.Id, "notify": notify.NotifyDigest})
	hole := submit(t, app, th, requests.Input{ServiceCode: "pothole", Description: "Hole", Address: "12 Mill Street",
		Channel: "web", Language: "en", ContactEmail: "ana@example.com", Answers: map[string][]string{"size": {"large"}}})
	schematest.Create(t, app, "request_updates", map[string]any{"request": hole.Id, "kind": "comment", "channel": "email",
		"body": "It is getting deeper."})
	if n := len(mailsTo(t, app, "now@testville.example", "request.staff")); n != 2 {
		t.Errorf("the at-once colleague got %d emails, want the new request and the reply", n)
	}
	if n := len(mailsTo(t, app, "later@testville.example", "request.staff")); n != 0 {
		t.Errorf("the digest chooser got %d emails at once", n)
	}
	if text := digestFor(t, app, th, notify.Daily, "later@testville.example").GetString("text"); !strings.Contains(text, "Respuestas de los vecinos") ||
		!strings.Contains(text, hole.GetString("number")) || !strings.Contains(text, "El vecino respondió") {
		t.Errorf("staff digest lacks the reply:\n%s", text)
	}
}

// The clerk is told of a booking waiting for approval and of a page change
// waiting for approval: at once by default, or, having chosen the digest,
// once a day in the chosen language, listing what still waits.
func TestClerkToldOfWaitingWork(t *testing.T) {
	t.Parallel()
	app, th := newTown(t)
	for _, email := range []string{"quick@clerk.example", "daily@clerk.example"} {
		schematest.Create(t, app, core.CollectionNameSuperusers, map[string]any{"email": email, "password": "long-enough-pw"})
	}
	daily, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, "daily@clerk.example")
	if err != nil {
		t.Fatal(err)
	}
	schematest.Create(t, app, "desk_notify", map[string]any{"person": daily.Id, "notify": notify.NotifyDigest, "language": "es"})
	pav := pavilion(t, app, "pavilion")
	day := time.Now().UTC().AddDate(0, 0, 20).Truncate(24 * time.Hour)
	schematest.Create(t, app, "reservations", map[string]any{"facility": pav.Id, "status": "pending", "purpose": "Picnic",
		"starts": day.Add(15 * time.Hour), "ends": day.Add(17 * time.Hour), "attendees": 10})
	page := schematest.Create(t, app, "pages", map[string]any{"slug": "trash", "language": "en", "section": "waste",
		"title": "Trash pickup", "body": "Trash is picked up on Mondays."})
	schematest.Create(t, app, "page_revisions", map[string]any{"page": page.Id, "status": "pending", "title": "Trash pickup days",
		"author_name": "Vol"})

	quick := append(mailsTo(t, app, "quick@clerk.example", "clerk.booking"), mailsTo(t, app, "quick@clerk.example", "clerk.page")...)
	if len(quick) != 2 || !strings.Contains(quick[0].GetString("subject"), "Booking to approve: Riverside Park pavilion") ||
		!strings.Contains(quick[0].GetString("text"), "/en/staff/bookings") || !strings.Contains(quick[1].GetString("subject"), "Trash pickup days") {
		t.Fatalf("at once: %d emails %v", len(quick), quick)
	}
	if n := schematest.Count(t, app, "outbox", dbx.HashExp{"to": "daily@clerk.example"}); n != 0 {
		t.Fatalf("the digest chooser got %d emails at once", n)
	}
	p := period(th, notify.Daily)
	for range 2 {
		if _, err := th.Digests.Clerk.Digest(app, p, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	got := mailsTo(t, app, "daily@clerk.example", "clerk.digest")
	if len(got) != 1 {
		t.Fatalf("%d clerk digests after two runs", len(got))
	}
	text := got[0].GetString("text")
	for _, want := range []string{"Esperan su aprobación", "1 reserva por aprobar", "Pabellón del parque Riverside", "Picnic",
		"1 cambio de página por aprobar", "Trash pickup days", "/es/staff"} {
		if !strings.Contains(got[0].GetString("subject")+text, want) {
			t.Errorf("clerk digest lacks %q:\n%s", want, text)
		}
	}
}
