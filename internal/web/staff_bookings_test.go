package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// pendingBooking is the demo resident's pavilion booking, days from now,
// waiting for the clerk.
func pendingBooking(t *testing.T, app core.App, days int) *core.Record {
	t.Helper()
	day := time.Now().UTC().AddDate(0, 0, days).Truncate(24 * time.Hour)
	return pavilionBooking(t, app, day.Add(15*time.Hour), "pending")
}

// The clerk decides pending bookings on the desk: a decline needs a note,
// and the resident is emailed in their language with it; an approved
// booking is on its day's list. Staff members have no bookings page.
func TestDeskBookingsDecide(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	staffMember(t, app, "parks@staff.example", "recreation")
	decline, approve := pendingBooking(t, app, 20), pendingBooking(t, app, 21)

	b := deskBrowser(t, app, "en", "parks@staff.example")
	b.expect(b.do("GET", "/en/staff/bookings", nil), 403)
	b.expect(b.do("POST", "/en/staff/bookings/"+approve.Id, url.Values{"decision": {"approve"}}), 403)

	b.cookies = map[string]*http.Cookie{} // another person, same server
	deskSignIn(b, "en", "clerk@aldercreek.example")
	b.expect(b.do("GET", "/en/staff", nil), 200, `href="/en/staff/bookings"`)
	b.expect(b.do("GET", "/en/staff/bookings", nil), 200, "Waiting for your decision", "Riverside Park pavilion",
		"Family reunion", "resident@aldercreek.example", "write it in Español")
	path := "/en/staff/bookings/" + decline.Id
	b.expect(b.do("POST", path, url.Values{"decision": {"decline"}, "note_" + decline.Id: {" "}}), 422,
		`id="f-note-`+decline.Id+`-error"`, "Write a note to the resident saying why")
	b.expect(b.do("POST", path, url.Values{"decision": {"maybe"}}), 400)
	rec := b.do("POST", path, url.Values{"decision": {"decline"}, "note_" + decline.Id: {"El pabellón está cerrado por obras."}})
	if rec.Code != 303 {
		t.Fatalf("decline: %d %.500s", rec.Code, rec.Body.String())
	}
	mail, err := app.FindFirstRecordByFilter("outbox", "to = 'resident@aldercreek.example' && dedupe_key = {:k}",
		dbx.Params{"k": "reservation:" + decline.Id + ":declined"})
	if err != nil {
		t.Fatalf("no email to the resident: %v", err)
	}
	if txt := mail.GetString("text"); mail.GetString("language") != "es" || !strings.Contains(txt, "El pabellón está cerrado por obras.") ||
		!strings.Contains(mail.GetString("subject"), "Reserva no aprobada") {
		t.Errorf("email in %q: %s %s", mail.GetString("language"), mail.GetString("subject"), txt)
	}
	b.expect(b.do("POST", path, url.Values{"decision": {"approve"}}), 422, "no longer waiting for a decision")

	rec = b.do("POST", "/en/staff/bookings/"+approve.Id, url.Values{"decision": {"approve"}})
	if rec.Code != 303 {
		t.Fatalf("approve: %d %.500s", rec.Code, rec.Body.String())
	}
	got, err := app.FindRecordById("reservations", approve.Id)
	if err != nil || got.GetString("status") != "approved" {
		t.Fatalf("approved? %v %v", err, got)
	}
	day := got.GetDateTime("starts").Time().Format(time.DateOnly)
	page := b.do("GET", "/es/staff/bookings?day="+day, nil)
	b.expect(page, 200, "La reserva se aprobó", "Ninguna reserva espera una decisión.", "Confirmada", "Family reunion")
}

// A walk-in registration on a session's roster follows the site's rules:
// a child outside the session's ages is refused beside the child's name
// and nothing is kept; a child of the right age gets a place at the
// session's fee, is listed on the roster, and the parent is emailed.
func TestDeskRosterWalkIn(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	sess, err := app.FindFirstRecordByFilter("program_sessions", "min_age = 8")
	if err != nil {
		t.Fatal(err)
	}
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	b.expect(b.do("GET", "/en/staff/bookings", nil), 200, `href="/en/staff/sessions/`+sess.Id+`"`, "0 of 20 places taken")
	path := "/en/staff/sessions/" + sess.Id
	b.expect(b.do("GET", path, nil), 200, "Nobody is registered yet.", "Register a walk-in")
	first := sess.GetDateTime("first_day").Time()
	young := first.AddDate(-6, 0, 0).Format(time.DateOnly)
	form := url.Values{"new_name": {"Leo Ruiz"}, "new_birthdate": {young}, "email": {"ana@example.com"}, "name": {"Ana Ruiz"}, "language": {"es"}}
	b.expect(b.do("POST", path, form), 422, `id="f-new-name-error"`, "Leo Ruiz is not the right age for this session (8 to 14)", `value="ana@example.com"`)
	if n := schematest.Count(t, app, "users", dbx.HashExp{"email": "ana@example.com"}); n != 0 {
		t.Fatalf("a refused walk-in left %d accounts", n)
	}
	form.Set("new_birthdate", first.AddDate(-9, 0, 0).Format(time.DateOnly))
	rec := b.do("POST", path, form)
	if rec.Code != 303 {
		t.Fatalf("walk-in: %d %.500s", rec.Code, rec.Body.String())
	}
	b.expect(b.do("GET", path, nil), 200, "Registered: a place is theirs.", "Leo Ruiz", "9 years old on the first day",
		"ana@example.com", "Registered: 1 of 20 places")
	reg, err := app.FindFirstRecordByFilter("registrations", "session = {:s}", dbx.Params{"s": sess.Id})
	if err != nil || reg.GetFloat("fee") != 40 || reg.GetString("status") != "registered" {
		t.Fatalf("registration %v %v", err, reg)
	}
	if n := schematest.Count(t, app, "outbox", dbx.HashExp{"to": "ana@example.com", "language": "es"}); n != 1 {
		t.Errorf("%d emails to the parent in Spanish", n)
	}
}

// Staff and the clerk choose on the desk how they are told: a staff member
// who chooses the digest while getting none is given the daily one; an
// unknown choice is refused beside the question.
func TestDeskNotifyChoice(t *testing.T) {
	app := demoApp(t)
	u := staffMember(t, app, "crew@staff.example", "public-works")
	b := deskBrowser(t, app, "es", "crew@staff.example")
	b.expect(b.do("GET", "/es/staff/notifications", nil), 200, "Avisos por correo", `value="at_once" aria-describedby="f-notify-at_once-hint" checked`)
	b.expect(b.do("POST", "/es/staff/notifications", url.Values{"notify": {"sometimes"}}), 422, "Elija en el momento o el resumen del personal")
	rec := b.do("POST", "/es/staff/notifications", url.Values{"notify": {"digest"}})
	if rec.Code != 303 {
		t.Fatalf("save: %d %.300s", rec.Code, rec.Body.String())
	}
	b.expect(b.do("GET", "/es/staff/notifications", nil), 200, "Se guardó su elección.", `value="digest" aria-describedby="f-notify-digest-hint" checked`)
	got, err := app.FindRecordById("users", u.Id)
	if err != nil || got.GetString("digest") != "daily" {
		t.Fatalf("digest %q %v", got.GetString("digest"), err)
	}
	if n := schematest.Count(t, app, "desk_notify", dbx.HashExp{"person": u.Id, "notify": "digest"}); n != 1 {
		t.Fatalf("%d choices stored", n)
	}
}
