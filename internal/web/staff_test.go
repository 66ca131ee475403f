package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

const deskPassword = "desk-password-1"

// staffMember is a verified staff user of the department with slug.
func staffMember(t *testing.T, app core.App, email, slug string) *core.Record {
	t.Helper()
	dept, err := app.FindFirstRecordByData("departments", "slug", slug)
	if err != nil {
		t.Fatal(err)
	}
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(users)
	u.SetEmail(email)
	u.SetPassword(deskPassword)
	u.SetVerified(true)
	u.Load(map[string]any{"name": "Sam Staff", "role": "staff", "department": dept.Id, "language": "en"})
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	return u
}

// clerk is a superuser, as the clerk signs in to the dashboard.
func clerk(t testing.TB, app core.App) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		t.Fatal(err)
	}
	su := core.NewRecord(col)
	su.SetEmail("clerk@aldercreek.example")
	su.SetPassword(deskPassword)
	if err := app.Save(su); err != nil {
		t.Fatal(err)
	}
	return su
}

// newRequest stores a request for service code through the request rules.
func newRequest(t *testing.T, app core.App, code string, fields map[string]any) *core.Record {
	t.Helper()
	svc, err := app.FindFirstRecordByData("services", "code", code)
	if err != nil {
		t.Fatal(err)
	}
	r := schematest.New(t, app, "requests", map[string]any{"service": svc.Id, "description": "Something about " + code,
		"address": "12 Mill Street", "channel": "phone", "contact_phone": "555-0101"})
	r.Load(fields)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

func deskSignIn(b *browser, lang, email string) {
	b.t.Helper()
	rec := b.do("POST", "/"+lang+"/staff/signin", url.Values{"email": {email}, "password": {deskPassword}})
	if rec.Code != 303 || rec.Header().Get("Location") != "/"+lang+"/staff" {
		b.t.Fatalf("sign-in: %d to %q: %.500s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
}

// deskBrowser is a new browser signed in on the desk as email, in lang.
func deskBrowser(t testing.TB, app core.App, lang, email string) *browser {
	t.Helper()
	b := newBrowser(t, app)
	deskSignIn(b, lang, email)
	return b
}

// A staff member sees their department's requests only, and gets the
// translated forbidden page on another department's request; visitors are
// sent to sign in and residents are refused.
func TestDeskStaffSeeOnlyTheirDepartment(t *testing.T) {
	app := demoApp(t)
	staffMember(t, app, "water@staff.example", "water")
	water := newRequest(t, app, "water-bill", nil).GetString("number")
	pothole := newRequest(t, app, "pothole", nil).GetString("number")

	b := newBrowser(t, app)
	rec := b.do("GET", "/en/staff", nil)
	if rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), "/en/staff/signin?next=") {
		t.Fatalf("visitor: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	signIn(t, app, b) // the demo resident
	b.expect(b.do("GET", "/en/staff", nil), 403)
	b.expect(b.do("POST", "/en/staff/signin", url.Values{"email": {"resident@aldercreek.example"}, "password": {"wrong"}}), 422, "does not work on the staff desk")

	b.cookies = map[string]*http.Cookie{} // another person, same server
	deskSignIn(b, "en", "water@staff.example")
	page := b.do("GET", "/en/staff", nil)
	b.expect(page, 200, water, "Waiting on the resident")
	if strings.Contains(page.Body.String(), pothole) {
		t.Errorf("the water department's queue lists pothole %s", pothole)
	}
	if cc := page.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q", cc)
	}
	b.expect(b.do("GET", "/en/staff/requests/"+water, nil), 200, "Something about water-bill", "Question about a water bill")
	b.expect(b.do("GET", "/es/staff/requests/"+pothole, nil), 403, "<html lang=\"es\"")
	b.expect(b.do("POST", "/en/staff/requests/"+pothole, url.Values{"action": {"reply"}, "body": {"hi"}}), 403)
	if n := schematest.Count(t, app, "request_updates"); n != 0 {
		t.Errorf("%d updates after a refused post", n)
	}
}

// The clerk resolves a request with a public note: the request changes
// through the request rules, and the reporter's email is queued in the
// reporter's language with the note; the timeline shows it with its
// delivery state.
func TestDeskClerkResolvesWithPublicNote(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	req := newRequest(t, app, "pothole", map[string]any{"contact_name": "Lucía", "contact_email": "lucia@example.com", "language": "es"})
	number := req.GetString("number")
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	b.expect(b.do("GET", "/en/staff", nil), 200, number, "Lucía" /* searchable contact is not listed */ [:0])
	path := "/en/staff/requests/" + number

	// Problems are shown beside the field, never a 500.
	b.expect(b.do("POST", path, url.Values{"action": {"status"}, "status": {"new"}}), 422, "already has this status")
	b.expect(b.do("POST", path, url.Values{"action": {"status"}, "status": {"bogus"}}), 422, "Choose a status from the list")
	b.expect(b.do("POST", path, url.Values{"action": {"status"}, "status": {"resolved"}, "status_note": {strings.Repeat("x", 10_001)}}), 422, "at most 10000")
	b.expect(b.do("POST", path, url.Values{"action": {"reply"}, "body": {"  "}}), 422, "Write a message")
	b.expect(b.do("POST", path, url.Values{"action": {"priority"}, "priority": {"asap"}}), 422, "Choose a priority")
	b.expect(b.do("POST", path, url.Values{"action": {"assign"}, "assignee": {"nobody"}}), 422, "staff member of this request")

	rec := b.do("POST", path, url.Values{"action": {"status"}, "status": {"resolved"}, "status_note": {"We filled the hole this morning."}})
	if rec.Code != 303 {
		t.Fatalf("status change: %d %.500s", rec.Code, rec.Body.String())
	}
	got, err := app.FindRecordById("requests", req.Id)
	if err != nil {
		t.Fatal(err)
	}
	if got.GetString("status") != "resolved" || got.GetDateTime("closed_at").IsZero() {
		t.Errorf("status %q, closed at %v", got.GetString("status"), got.GetDateTime("closed_at"))
	}
	mail, err := app.FindFirstRecordByFilter("outbox", "to = 'lucia@example.com' && dedupe_key ~ ':update:'")
	if err != nil {
		t.Fatalf("no status email queued for the reporter: %v", err)
	}
	if mail.GetString("language") != "es" || !strings.Contains(mail.GetString("text"), "We filled the hole this morning.") ||
		!strings.Contains(mail.GetString("text"), "Resuelta") {
		t.Errorf("email in %q: %s", mail.GetString("language"), mail.GetString("text"))
	}
	b.expect(b.do("GET", path, nil), 200, "The status was changed.", "We filled the hole this morning.", "To lucia@example.com: Novedades de la solicitud "+number, `<span class="tag">held</span>`, "Resolved")
}

// The queue's tabs carry their counts, and the request screen shows the
// form's answers under its own questions, never as JSON.
func TestDeskQueueTabsAndAnswers(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	newRequest(t, app, "pothole", map[string]any{"answers": map[string]any{"size": "large"}})
	r := newRequest(t, app, "pothole", nil)
	newRequest(t, app, "water-bill", map[string]any{"status": "waiting"})
	b := deskBrowser(t, app, "es", "clerk@aldercreek.example")
	page := b.do("GET", "/es/staff", nil)
	b.expect(page, 200, `Nuevas <span class="desk-count">2</span>`, `Abiertas <span class="desk-count">3</span>`,
		`Esperando al vecino <span class="desk-count">1</span>`, `Sin asignar <span class="desk-count">3</span>`)
	b.expect(b.do("GET", "/es/staff?tab=waiting", nil), 200, "Vence el")
	b.expect(b.do("GET", "/es/staff?q="+r.GetString("number"), nil), 200, r.GetString("number"))
	b.expect(b.do("GET", "/es/staff?from=tomorrow", nil), 422, "Escriba una fecha")
	first, err := app.FindFirstRecordByFilter("requests", "answers != ''")
	if err != nil {
		t.Fatal(err)
	}
	screen := b.do("GET", "/en/staff/requests/"+first.GetString("number"), nil)
	b.expect(screen, 200, "How big is it?", "Bigger than a car tyre")
	if strings.Contains(screen.Body.String(), `"size"`) {
		t.Error("the answers are shown as JSON")
	}
}
