package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Cancelling a booking asks first, on a page that works without
// JavaScript; a post that skipped the question changes nothing. Afterwards
// the page says what is true: nothing to pay, nothing to add to a calendar.
func TestCancelAsksFirstAndShowsTheCancelledState(t *testing.T) {
	app := demoApp(t)
	b := residentBrowser(t, app)
	day := bookableDay(t, app, 21)
	rec := b.do("POST", "/en/book/pavilion/reserve", url.Values{"date": {day}, "start": {"10:00"}, "end": {"14:00"},
		"purpose": {"Birthday"}, "attendees": {"20"}})
	if rec.Code != 303 {
		t.Fatalf("booking: %d %.500s", rec.Code, rec.Body.String())
	}
	path := rec.Header().Get("Location")
	id := strings.TrimPrefix(path, "/en/reservations/")
	b.expect(b.do("GET", path, nil), 200, "not paid yet", `href="`+path+`/cancel">Cancel this booking</a>`)
	rec = b.do("POST", path+"/cancel", url.Values{})
	if rec.Code != 303 || rec.Header().Get("Location") != path+"/cancel" {
		t.Fatalf("an unasked cancel: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	if r, err := app.FindRecordById("reservations", id); err != nil || r.GetString("status") != "pending" {
		t.Fatalf("an unasked cancel changed the booking: %v %v", r, err)
	}
	b.expect(b.do("GET", path+"/cancel", nil), 200, "Cancel this booking?", "Riverside Park pavilion", `name="confirm" value="yes"`, "No, keep my booking")
	b.expect(b.do("POST", path+"/cancel", url.Values{"confirm": {"yes"}}), 303)
	rec = b.do("GET", path, nil)
	b.expect(rec, 200, "Cancelled", "$40 – nothing to pay")
	for _, no := range []string{"not paid yet", "Add it to your calendar", "Cancel this booking"} {
		if strings.Contains(rec.Body.String(), no) {
			t.Errorf("the cancelled booking's page says %q", no)
		}
	}
}

var withdrawLink = regexp.MustCompile(`href="(/es/registrations/[a-z0-9]+/cancel)"`)

// Withdrawing from a program asks first: the place goes to the waitlist.
func TestWithdrawAsksFirst(t *testing.T) {
	app := demoApp(t)
	b := residentBrowser(t, app)
	p := b.do("GET", "/en/programs/youth-soccer", nil).Body.String()
	i := strings.Index(p, "register?session=")
	session := p[i+len("register?session=") : i+strings.Index(p[i:], `"`)]
	rec := b.do("POST", "/es/programs/youth-soccer/register", url.Values{"session": {session}, "new_name": {"Lucía López"},
		"new_birthdate": {time.Now().AddDate(-6, 0, 0).Format(time.DateOnly)}})
	if rec.Code != 303 {
		t.Fatalf("register: %d %.800s", rec.Code, rec.Body.String())
	}
	m := withdrawLink.FindStringSubmatch(b.do("GET", "/es/reservations", nil).Body.String())
	if m == nil {
		t.Fatal("no withdraw link on the reservations page")
	}
	rec = b.do("POST", m[1], url.Values{})
	if rec.Code != 303 || rec.Header().Get("Location") != m[1] {
		t.Fatalf("an unasked withdrawal: %d %q", rec.Code, rec.Header().Get("Location"))
	}
	n, err := app.CountRecords("registrations", nil)
	if err != nil {
		t.Fatal(err)
	}
	regs, err := app.FindRecordsByFilter("registrations", "status = 'registered'", "", 0, 0)
	if err != nil || len(regs) != 1 || n < 1 {
		t.Fatalf("an unasked withdrawal changed the registration: %d registered of %d, %v", len(regs), n, err)
	}
	b.expect(b.do("GET", m[1], nil), 200, "¿Dar de baja a Lucía López?", "lista de espera", `name="confirm" value="yes"`)
	b.expect(b.do("POST", m[1], url.Values{"confirm": {"yes"}}), 303)
	if r, err := app.FindRecordById("registrations", regs[0].Id); err != nil || r.GetString("status") == "registered" {
		t.Errorf("the confirmed withdrawal left the place: %v %v", r, err)
	}
}

// A notice of whole days is said in days, in both languages.
func TestNoticeIsSaidInDays(t *testing.T) {
	app := demoApp(t)
	b := residentBrowser(t, app)
	day := bookableDay(t, app, 2)
	form := url.Values{"date": {day}, "start": {"10:00"}, "end": {"14:00"}, "purpose": {"Picnic"}, "attendees": {"10"}}
	b.expect(b.do("POST", "/en/book/pavilion/reserve", form), 422, "Book at least 7 days ahead")
	b.expect(b.do("POST", "/es/book/pavilion/reserve", form), 422, "Reserve con al menos 7 días de antelación")
}
