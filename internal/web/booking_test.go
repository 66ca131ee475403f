package web_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

func newCookie(name, value string) *http.Cookie { return &http.Cookie{Name: name, Value: value} }

// dbxDay matches closures covering a day.
func dbxDay(d string) dbx.Expression {
	return dbx.NewExp("substr(first_day, 1, 10) <= {:d} AND substr(last_day, 1, 10) >= {:d}", dbx.Params{"d": d})
}

var alderCreek = func() *time.Location {
	l, err := time.LoadLocation("America/New_York")
	if err != nil {
		panic(err)
	}
	return l
}()

// bookableDay is a day at least n days ahead that is not a demo holiday.
func bookableDay(t *testing.T, app core.App, n int) string {
	t.Helper()
	d := time.Now().In(alderCreek).AddDate(0, 0, n)
	for {
		c := schematest.Count(t, app, "closures", dbxDay(d.Format(time.DateOnly)))
		if c == 0 {
			return d.Format(time.DateOnly)
		}
		d = d.AddDate(0, 0, 1)
	}
}

// residentBrowser is a browser with the demo resident's session.
func residentBrowser(t *testing.T, app core.App) *browser {
	t.Helper()
	b := newBrowser(t, app)
	signIn(t, app, b)
	return b
}

// signIn gives the browser the demo resident's session (María, Spanish).
func signIn(t *testing.T, app core.App, b *browser) *core.Record {
	t.Helper()
	u := demoResident(t, app)
	b.cookies["th_session"] = newCookie("th_session", schematest.Token(t, app, u.Email()))
	return u
}

func TestBookingPagesInBothLanguages(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	b.expect(b.do("GET", "/en/book", nil), 200, "Riverside Park pavilion", "Town Hall meeting room", "Youth soccer", `href="/en/book"`)
	b.expect(b.do("GET", "/es/book", nil), 200, "Pabellón del parque Riverside", "Fútbol juvenil", "Reservar")
	day := bookableDay(t, app, 10)
	b.expect(b.do("GET", "/en/book/pavilion?week="+day, nil), 200, "<caption>Week of", `<th scope="row">`, "Free to book", "Book 8:00 a.m.")
	b.expect(b.do("GET", "/es/book/pavilion?day="+day, nil), 200, `<th scope="col">Hora</th>`, "Libre: reservar", "/es/book/pavilion/reserve?date="+day)
	b.expect(b.do("GET", "/en/book/nowhere", nil), 404)
	// Booking needs an account.
	rec := b.do("GET", "/en/book/pavilion/reserve?date="+day, nil)
	if rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), "/en/signin?next=") {
		t.Errorf("anonymous booking form: %d %s", rec.Code, rec.Header().Get("Location"))
	}
	b.expect(b.do("GET", "/en/programs/youth-soccer", nil), 200, "ages 4 to 7", "16 places left", "Register")
	b.expect(b.do("GET", "/es/calendar", nil), 200, "Calendario municipal", "Reunión de la Junta de Gobierno", "webcal://")
	// Soccer plays in its season (spring or fall), as its article says.
	sessions, err := app.FindAllRecords("program_sessions")
	if err != nil || len(sessions) == 0 {
		t.Fatalf("sessions: %d, %v", len(sessions), err)
	}
	season := sessions[0].GetDateTime("first_day").Time().Format(time.DateOnly)
	b.expect(b.do("GET", "/es/calendar?from="+season, nil), 200, "Fútbol juvenil – ", ", de 4 a 7 años")
}

// A resident books with purpose and attendees, gets the confirmation email
// in their language with an .ics, sees it in their bookings and private
// feed, and the clerk's approval and the resident's cancellation follow.
func TestBookApproveCancel(t *testing.T) {
	app := demoApp(t)
	b, u := residentBrowser(t, app), demoResident(t, app)
	day := bookableDay(t, app, 21)
	b.expect(b.do("GET", "/es/book/pavilion/reserve?date="+day+"&start=10:00&end=14:00", nil), 200, `value="`+day+`"`, `value="10:00"`, "Solicitar la reserva")
	rec := b.do("POST", "/es/book/pavilion/reserve", url.Values{"date": {day}, "start": {"10:00"}, "end": {"14:00"},
		"purpose": {"Fiesta de graduación"}, "attendees": {"45"}, "public": {"on"}})
	if rec.Code != 303 || !strings.HasPrefix(rec.Header().Get("Location"), "/es/reservations/") {
		t.Fatalf("booking: %d %s %.500s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	path := rec.Header().Get("Location")
	id := strings.TrimPrefix(path, "/es/reservations/")
	b.expect(b.do("GET", path, nil), 200, "Pendiente de aprobación", "Fiesta de graduación", "$40", "aún sin pagar", "Cancelar esta reserva")
	mail := lastMail(t, app, u.Email())
	if !strings.Contains(mail.GetString("subject"), "Recibimos su solicitud de reserva") || !strings.Contains(mail.GetString("text"), "10:00–14:00") {
		t.Errorf("confirmation: %s\n%s", mail.GetString("subject"), mail.GetString("text"))
	}
	checkICS(t, mail, "TENTATIVE")

	// The slot is now taken for everyone.
	rec = b.do("POST", "/en/book/pavilion/reserve", url.Values{"date": {day}, "start": {"13:00"}, "end": {"16:00"}, "purpose": {"Picnic"}, "attendees": {"10"}})
	b.expect(rec, 422, "Someone has already booked that time", `value="13:00"`, ">Picnic</textarea>")

	// The clerk approves and marks it paid in the admin UI.
	r, err := app.FindRecordById("reservations", id)
	if err != nil {
		t.Fatal(err)
	}
	r.Set("status", "approved")
	r.Set("paid", true)
	r.Set("decision_note", "Las llaves están en la Secretaría.")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	mail = lastMail(t, app, u.Email())
	if !strings.Contains(mail.GetString("subject"), "Reserva aprobada") || !strings.Contains(mail.GetString("text"), "Las llaves están") {
		t.Errorf("approval: %s\n%s", mail.GetString("subject"), mail.GetString("text"))
	}
	checkICS(t, mail, "CONFIRMED")
	b.expect(b.do("GET", "/es/reservations", nil), 200, "Confirmada", "pagada", "/es/calendar/private/")
	b.expect(b.do("GET", "/en/calendar?from="+day, nil), 200, "Fiesta de graduación (Riverside Park pavilion)")

	// The private feed, and a tampered link.
	page := b.do("GET", "/en/reservations", nil).Body.String()
	i := strings.Index(page, "/en/calendar/private/")
	feed := page[i : i+strings.Index(page[i:], `"`)]
	anon := &browser{t: t, mux: b.mux, cookies: map[string]*http.Cookie{}}
	rec = anon.do("GET", feed, nil)
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/calendar") || !strings.Contains(rec.Body.String(), "UID:reservation-"+id+"@aldercreek.example") {
		t.Fatalf("private feed: %d %s", rec.Code, rec.Body.String())
	}
	sig := feed[strings.LastIndex(feed[:len(feed)-4], ".")+1 : len(feed)-4]
	flipped := "0" + sig[1:]
	if sig[0] == '0' {
		flipped = "1" + sig[1:]
	}
	other := schematest.Resident(t, app, "neighbour@example.com", "en")
	for what, bad := range map[string]string{
		"signature": strings.Replace(feed, sig, flipped, 1),
		"user":      "/en/calendar/private/" + other.Id + "." + sig + ".ics",
		"case":      "/en/calendar/private/" + strings.ToUpper(u.Id) + "x." + sig + ".ics",
		"no sig":    "/en/calendar/private/" + u.Id + ".ics",
	} {
		if rec = anon.do("GET", bad, nil); rec.Code != 403 {
			t.Errorf("tampered %s: %d", what, rec.Code)
		}
	}

	// The resident cancels, before the deadline.
	rec = b.do("POST", "/es/reservations/"+id+"/cancel", url.Values{"confirm": {"yes"}})
	if rec.Code != 303 {
		t.Fatalf("cancel: %d %.500s", rec.Code, rec.Body.String())
	}
	b.expect(b.do("GET", path, nil), 200, "Cancelada")
	mail = lastMail(t, app, u.Email())
	if !strings.Contains(mail.GetString("subject"), "Reserva cancelada") {
		t.Errorf("cancellation: %s", mail.GetString("subject"))
	}
	checkICS(t, mail, "CANCELLED")
}

func checkICS(t *testing.T, mail *core.Record, status string) {
	t.Helper()
	var files []struct{ Name, ContentType, Content string }
	if err := json.Unmarshal([]byte(mail.GetString("attachments")), &files); err != nil || len(files) != 1 {
		t.Fatalf("attachments %q: %v", mail.GetString("attachments"), err)
	}
	raw, _ := base64.StdEncoding.DecodeString(files[0].Content)
	cal, err := ics.ParseCalendar(bytes.NewReader(raw))
	if err != nil || len(cal.Events()) != 1 {
		t.Fatalf("attachment does not parse: %v\n%s", err, raw)
	}
	if got := cal.Events()[0].GetProperty(ics.ComponentPropertyStatus).Value; got != status {
		t.Errorf("STATUS %s, want %s", got, status)
	}
	if !bytes.Contains(raw, []byte("\r\nTZID:America/New_York\r\n")) {
		t.Errorf("no VTIMEZONE in\n%s", raw)
	}
}

// Every bad booking gets a translated reason beside its field, and the form
// keeps what was typed.
func TestBookingErrorsKeepWhatWasTyped(t *testing.T) {
	app := demoApp(t)
	b := residentBrowser(t, app)
	day := bookableDay(t, app, 14)
	far := time.Now().In(alderCreek).AddDate(2, 0, 0).Format(time.DateOnly)
	past := time.Now().In(alderCreek).AddDate(0, 0, -2).Format(time.DateOnly)
	for _, tc := range []struct {
		lang, date, start, end string
		want                   []string
	}{
		{"en", day, "19:00", "21:00", []string{"There is a problem", "outside the opening hours", `href="#f-start"`, `value="19:00"`, `value="21:00"`}},
		{"es", day, "19:00", "21:00", []string{"Hay un problema", "fuera del horario"}},
		{"en", past, "10:00", "12:00", []string{"That time has already passed"}},
		{"es", past, "10:00", "12:00", []string{"Esa hora ya pasó"}},
		{"en", day, "08:00", "20:00", []string{}},
		{"en", day, "09:00", "09:30", []string{"A booking must last at least 2 hours"}},
		{"es", far, "10:00", "12:00", []string{"como máximo", "365 días de antelación", `value="` + far + `"`}},
		{"en", day, "12:00", "10:00", []string{"The end must be after the start"}},
	} {
		form := url.Values{"date": {tc.date}, "start": {tc.start}, "end": {tc.end}, "purpose": {"Birthday <party>"}, "attendees": {"30"}}
		rec := b.do("POST", "/"+tc.lang+"/book/pavilion/reserve", form)
		if len(tc.want) == 0 {
			if rec.Code != 303 {
				t.Errorf("a whole day 8–20: %d %.300s", rec.Code, rec.Body.String())
			}
			continue
		}
		b.expect(rec, 422, append(tc.want, ">Birthday &lt;party&gt;</textarea>", `value="30"`)...)
	}
	// Too long, and over the time just booked.
	b.expect(b.do("POST", "/en/book/meeting-room/reserve", url.Values{"date": {bookableDay(t, app, 15)}, "start": {"09:00"}, "end": {"15:00"},
		"purpose": {"Club"}, "attendees": {"50"}}), 422, "A booking can last at most 4 hours", "This space holds at most 40 people")
	b.expect(b.do("POST", "/en/book/pavilion/reserve", url.Values{"date": {day}, "start": {"10:00"}, "end": {"12:00"},
		"purpose": {"Club"}, "attendees": {"5"}}), 422, "Someone has already booked that time")
}

// A resident signs a new household member up for soccer; the second signup
// of the same child is refused.
func TestProgramRegistration(t *testing.T) {
	app := demoApp(t)
	b, u := residentBrowser(t, app), demoResident(t, app)
	p := b.do("GET", "/en/programs/youth-soccer", nil).Body.String()
	i := strings.Index(p, "/en/programs/youth-soccer/register?session=")
	link := p[i : i+strings.Index(p[i:], `"`)]
	session := link[strings.Index(link, "=")+1:]
	b.expect(b.do("GET", link, nil), 200, "Who is taking part?", "Add someone from your household")
	form := url.Values{"session": {session}, "new_name": {"Lucía López"}, "new_birthdate": {time.Now().AddDate(-6, 0, 0).Format(time.DateOnly)}}
	rec := b.do("POST", "/es/programs/youth-soccer/register", form)
	if rec.Code != 303 {
		t.Fatalf("register: %d %.800s", rec.Code, rec.Body.String())
	}
	mail := lastMail(t, app, u.Email())
	if !strings.Contains(mail.GetString("subject"), "Lucía López tiene plaza") {
		t.Errorf("registration email: %s", mail.GetString("subject"))
	}
	b.expect(b.do("GET", "/es/reservations", nil), 200, "Lucía López", "Tiene plaza", "Darse de baja")
	members, err := app.FindRecordsByFilter("household_members", "resident = {:r}", "", 0, 0, map[string]any{"r": u.Id})
	if err != nil {
		t.Fatal(err)
	}
	b.expect(b.do("POST", "/es/programs/youth-soccer/register", url.Values{"session": {session}, "members": {members[0].Id}}), 422,
		"Lucía López ya está inscrito en este grupo")
	b.expect(b.do("POST", "/en/programs/youth-soccer/register", url.Values{"session": {session}, "new_name": {"Baby"},
		"new_birthdate": {time.Now().AddDate(-1, 0, 0).Format(time.DateOnly)}}), 422, "Baby is not the right age", `value="Baby"`)
}

// The public feed is RFC 5545: CRLF, stable UIDs, DTSTAMP, the town's zone.
func TestPublicCalendarFeed(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	get := func() string {
		rec := b.do("GET", "/es/calendar.ics", nil)
		if rec.Code != 200 || rec.Header().Get("Content-Type") != "text/calendar; charset=utf-8" {
			t.Fatalf("feed: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		return rec.Body.String()
	}
	first, second := get(), get()
	cal, err := ics.ParseCalendar(strings.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	if len(cal.Events()) < 10 || strings.Contains(strings.ReplaceAll(first, "\r\n", ""), "\n") {
		t.Errorf("%d events, or bare newlines", len(cal.Events()))
	}
	for _, ev := range cal.Events() {
		if _, err := ev.GetDtStampTime(); err != nil || ev.Id() == "" {
			t.Errorf("event without DTSTAMP or UID: %v", ev.Id())
		}
	}
	if first != second {
		t.Error("the feed changes between two fetches with nothing new: UIDs or DTSTAMPs are not stable")
	}
	for _, want := range []string{"METHOD:PUBLISH", "X-WR-CALNAME:Calendario de Municipio de Alder Creek", "DTSTART;TZID=America/New_York:", "SUMMARY:Reunión de la Junta de Gobierno"} {
		if !strings.Contains(first, want) {
			t.Errorf("feed lacks %q", want)
		}
	}
}
