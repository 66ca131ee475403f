package web_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

const residentEmail = "resident@aldercreek.example"

// signedInResident gives the demo resident a known password and returns a
// browser signed in as them.
func signedInResident(t *testing.T, app *tests.TestApp, password string) *browser {
	t.Helper()
	u, err := app.FindAuthRecordByEmail("users", residentEmail)
	if err != nil {
		t.Fatal(err)
	}
	u.SetPassword(password)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, app)
	b.expect(b.do("POST", "/en/signin", url.Values{"email": {residentEmail}, "password": {password}}), 303)
	return b
}

// A resident changes their password, only with the current one; other
// sessions end and the new password works.
func TestChangePassword(t *testing.T) {
	app := demoApp(t)
	b := signedInResident(t, app, "old password here")
	stolen := b.another() // another device signed in before the change
	stolen.cookies["th_session"] = b.cookies["th_session"]
	b.expect(b.do("GET", "/en/account", nil), 200, `href="/en/account/password"`, `href="/en/account/email"`, `href="/en/account/delete"`)
	b.expect(b.do("GET", "/es/account/password", nil), 200, "Su contraseña actual")
	b.expect(b.do("POST", "/en/account/password", url.Values{"current": {"wrong guess!!"}, "password": {"new password here"}}), 422,
		"Your current password is not right")
	b.expect(b.do("POST", "/en/account/password", url.Values{"current": {"old password here"}, "password": {"short"}}), 422,
		"at least 10 characters")
	b.expect(b.do("POST", "/en/account/password", url.Values{"current": {"old password here"}, "password": {"new password here"}}), 303)
	b.expect(b.do("GET", "/en/account", nil), 200, "Your new password is saved.")
	if rec := stolen.do("GET", "/en/account", nil); rec.Code == 200 {
		t.Error("a session from before the change still works")
	}
	fresh := b.another()
	fresh.expect(fresh.do("POST", "/en/signin", url.Values{"email": {residentEmail}, "password": {"old password here"}}), 422)
	fresh.expect(fresh.do("POST", "/en/signin", url.Values{"email": {residentEmail}, "password": {"new password here"}}), 303)
}

// A new email address replaces the old one only once the link sent to it
// is used; until then the old one signs in.
func TestChangeEmail(t *testing.T) {
	app := demoApp(t)
	b := signedInResident(t, app, "my password here")
	b.expect(b.do("POST", "/en/account/email", url.Values{"email": {"not an address"}, "current": {"my password here"}}), 422,
		"Enter an email address like name@example.com")
	b.expect(b.do("POST", "/en/account/email", url.Values{"email": {"new@example.com"}, "current": {"wrong one"}}), 422,
		"Your current password is not right")
	b.expect(b.do("POST", "/en/account/email", url.Values{"email": {"new@example.com"}, "current": {"my password here"}}), 200,
		"Check your email", "new@example.com")
	if _, err := app.FindAuthRecordByEmail("users", residentEmail); err != nil {
		t.Fatalf("the old address is gone before the new one is confirmed: %v", err)
	}
	link, err := url.Parse(linkRe.FindString(lastMail(t, app, "new@example.com").GetString("text")))
	if err != nil || link.Path != "/es/account/email/confirm" { // in the resident's language
		t.Fatalf("confirmation link %v: %v", link, err)
	}
	// Opening the link changes nothing; the button does, from any browser.
	other := b.another()
	other.expect(other.do("GET", link.RequestURI(), nil), 200, "¿Usar new@example.com como correo electrónico")
	if _, err := app.FindAuthRecordByEmail("users", "new@example.com"); err == nil {
		t.Fatal("opening the link changed the address")
	}
	other.expect(other.do("POST", link.Path, url.Values{"token": {link.Query().Get("token")}}), 303)
	u, err := app.FindAuthRecordByEmail("users", "new@example.com")
	if err != nil || !u.Verified() {
		t.Fatalf("after confirming: %v, %v", u, err)
	}
	// The link works once.
	other.expect(other.do("POST", link.Path, url.Values{"token": {link.Query().Get("token")}}), 422, "Este enlace")
	fresh := b.another()
	fresh.expect(fresh.do("POST", "/en/signin", url.Values{"email": {"new@example.com"}, "password": {"my password here"}}), 303)
}

// Deleting an account asks first (a page, no script); the requests stay
// without the resident's name or contact details, and a booking still to
// come is cancelled, so the facility is free again.
func TestDeleteAccountKeepsRequestsWithoutName(t *testing.T) {
	app := demoApp(t)
	b := signedInResident(t, app, "my password here")
	u, err := app.FindAuthRecordByEmail("users", residentEmail)
	if err != nil {
		t.Fatal(err)
	}
	req := submitted(t, app, requests.Input{ServiceCode: "pothole", Channel: "web", Description: "Hole by the school",
		Address: "1 Main", ReporterID: u.Id, ContactName: "Rita Resident", ContactPhone: "555-0199",
		Answers: map[string][]string{"size": {"small"}}})
	fac, err := app.FindFirstRecordByFilter("facilities", "active = true")
	if err != nil {
		t.Fatal(err)
	}
	day := time.Now().UTC().AddDate(0, 0, 10).Truncate(24 * time.Hour)
	booked := schematest.Create(t, app, "reservations", map[string]any{"facility": fac.Id, "resident": u.Id, "status": "approved",
		"starts": day.Add(15 * time.Hour), "ends": day.Add(17 * time.Hour), "purpose": "Birthday", "attendees": 10})
	b.expect(b.do("GET", "/en/account/delete", nil), 200, "Requests you sent stay with the town", "Bookings still to come are cancelled", "Keep my account")
	b.expect(b.do("POST", "/en/account/delete", url.Values{"current": {"not my password"}}), 422, "Your current password is not right")
	if _, err := app.FindRecordById("users", u.Id); err != nil {
		t.Fatal("a wrong password deleted the account")
	}
	rec := b.do("POST", "/en/account/delete", url.Values{"current": {"my password here"}})
	b.expect(rec, 303)
	if _, err := app.FindRecordById("users", u.Id); err == nil {
		t.Fatal("the account is still there")
	}
	kept, err := app.FindRecordById("requests", req.Id)
	if err != nil {
		t.Fatalf("the request went with the account: %v", err)
	}
	for _, f := range []string{"reporter", "contact_name", "contact_email", "contact_phone"} {
		if v := kept.GetString(f); v != "" {
			t.Errorf("request %s still has %s = %q", kept.GetString("number"), f, v)
		}
	}
	if r, err := app.FindRecordById("reservations", booked.Id); err != nil || r.GetString("status") != "cancelled" {
		t.Errorf("the booking still to come was not cancelled: %v", err)
	}
	if b.cookies["th_session"] != nil {
		t.Error("still signed in after deleting the account")
	}
	b.expect(b.do("GET", "/en/", nil), 200, "Your account is deleted.")
	if body := b.do("GET", "/en/requests/"+kept.GetString("number"), nil).Body.String(); strings.Contains(body, "Rita") {
		t.Error("the tracking page still names the resident")
	}
}
