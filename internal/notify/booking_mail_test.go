package notify

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/town"
)

func bookingApp(t *testing.T) (core.App, *booking.Domain, *BookingMail, *core.Record) {
	t.Helper()
	app := newApp(t)
	bundle, err := i18n.Load(os.DirFS("../../locales"))
	if err != nil {
		t.Fatal(err)
	}
	store := town.NewStore(app, bundle.Has)
	d := &booking.Domain{Town: store}
	booking.Register(app, d)
	bm := &BookingMail{Bundle: bundle, Town: store, Booking: d}
	RegisterBookingMail(app, bm)
	mk := func(col string, data map[string]any) *core.Record { return schematest.Create(t, app, col, data) }
	mk("town", map[string]any{"name": "Villa", "timezone": "America/New_York", "languages": []string{"en", "es"}, "default_language": "en",
		"translations": map[string]any{"es": map[string]string{"name": "Villa del Río"}}})
	store.Reload()
	var hours []map[string]any
	for day := 0; day < 7; day++ {
		hours = append(hours, map[string]any{"day": day, "open": "08:00", "close": "20:00"})
	}
	mk("facilities", map[string]any{"name": "Pavilion", "slug": "pavilion", "active": true, "hours": hours, "min_minutes": 60,
		"max_minutes": 300, "advance_days": 365, "fee": 40, "approval_required": true,
		"translations": map[string]any{"es": map[string]string{"name": "Pabellón"}}})
	u := mk("users", map[string]any{"email": "maria@example.org", "password": "long-enough-pw", "name": "María", "language": "es"})
	return app, d, bm, u
}

func mails(t *testing.T, app core.App) []*core.Record {
	t.Helper()
	recs, err := app.FindRecordsByFilter(outbox.Collection, "", "created", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func icsOf(t *testing.T, m *core.Record) string {
	t.Helper()
	var files []outbox.Attachment
	if err := json.Unmarshal([]byte(m.GetString("attachments")), &files); err != nil || len(files) != 1 {
		t.Fatalf("attachments of %q: %v", m.GetString("subject"), err)
	}
	raw, _ := base64.StdEncoding.DecodeString(files[0].Content)
	return string(raw)
}

// The request, the clerk's decline and a reminder reach the resident in
// Spanish, each with a calendar file that keeps the event's UID.
func TestReservationEmails(t *testing.T) {
	app, d, bm, u := bookingApp(t)
	ny := schematest.Location(t, "America/New_York")
	day := time.Now().In(ny).AddDate(0, 0, 10).Format(time.DateOnly)
	r, err := d.Reserve(app, booking.Input{Facility: "pavilion", ResidentID: u.Id, Language: "en", Date: day, Start: "10:00", End: "12:00",
		Purpose: "Cumpleaños", Attendees: "20"})
	if err != nil {
		t.Fatal(err)
	}
	m := mails(t, app)
	if len(m) != 1 || m[0].GetString("language") != "es" || !strings.Contains(m[0].GetString("subject"), "Recibimos su solicitud de reserva: Pabellón") ||
		!strings.Contains(m[0].GetString("text"), "10:00–12:00") || !strings.Contains(m[0].GetString("text"), "$40 (aún sin pagar)") {
		t.Fatalf("request email: %d %v", len(m), m)
	}
	uid := "UID:reservation-" + r.Id + "@townhall.invalid"
	if c := icsOf(t, m[0]); !strings.Contains(c, uid) || !strings.Contains(c, "STATUS:TENTATIVE") || !strings.Contains(c, "METHOD:PUBLISH") {
		t.Errorf("request .ics:\n%s", c)
	}
	r.Set("status", "declined")
	r.Set("decision_note", "Ese día hay una boda.")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	m = mails(t, app)
	if len(m) != 2 || !strings.Contains(m[1].GetString("subject"), "Reserva no aprobada") || !strings.Contains(m[1].GetString("text"), "Ese día hay una boda.") {
		t.Fatalf("decline email: %v", m[1].GetString("text"))
	}
	if c := icsOf(t, m[1]); !strings.Contains(c, uid) || !strings.Contains(c, "METHOD:CANCEL") || !strings.Contains(c, "SEQUENCE:2") {
		t.Errorf("decline .ics:\n%s", c)
	}
	// An approved booking is reminded once, the day before.
	r2, err := d.Reserve(app, booking.Input{Facility: "pavilion", ResidentID: u.Id, Language: "es", Date: day, Start: "14:00", End: "16:00",
		Purpose: "Picnic", Attendees: "10"})
	if err != nil {
		t.Fatal(err)
	}
	r2.Set("status", "approved")
	if err := app.Save(r2); err != nil {
		t.Fatal(err)
	}
	before := len(mails(t, app))
	start := r2.GetDateTime("starts").Time()
	for _, at := range []time.Time{start.Add(-25 * time.Hour), start.Add(-23 * time.Hour), start.Add(-22 * time.Hour)} {
		if _, err := bm.Reminders(app, at); err != nil {
			t.Fatal(err)
		}
	}
	m = mails(t, app)
	if len(m) != before+1 || !strings.Contains(m[len(m)-1].GetString("subject"), "Recordatorio: Pabellón mañana") {
		t.Errorf("reminders: %d new, last %q", len(m)-before, m[len(m)-1].GetString("subject"))
	}
}

// The person promoted from the waitlist is told, in their language.
func TestPromotionEmail(t *testing.T) {
	app, d, _, u := bookingApp(t)
	mk := func(col string, data map[string]any) *core.Record { return schematest.Create(t, app, col, data) }
	p := mk("programs", map[string]any{"name": "Soccer", "slug": "soccer", "active": true, "translations": map[string]any{"es": map[string]string{"name": "Fútbol"}}})
	// Noon UTC: a session's first and last days are dates, and at noon the
	// UTC date is the town's (New York's) date too. At 00:20 UTC the test
	// counted New York's Saturdays from the day before the app's.
	now := time.Now().UTC().Truncate(24 * time.Hour).Add(12 * time.Hour)
	s := mk("program_sessions", map[string]any{"program": p.Id, "name": "Spring", "first_day": now.AddDate(0, 1, 0), "last_day": now.AddDate(0, 2, 0),
		"weekdays": []string{"saturday"}, "start_time": "09:00", "end_time": "10:00", "capacity": 1, "max_age": 99, "active": true,
		"registration_opens": now.AddDate(0, 0, -1), "registration_closes": now.AddDate(0, 0, 20),
		"translations": map[string]any{"es": map[string]string{"name": "Primavera"}}})
	first, err := d.RegisterMembers(app, booking.Signup{SessionID: s.Id, ResidentID: u.Id, NewName: "Ana", NewBirthdate: "2018-01-01"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.RegisterMembers(app, booking.Signup{SessionID: s.Id, ResidentID: u.Id, NewName: "Leo", NewBirthdate: "2019-01-01"}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Withdraw(app, u.Id, first[0].Id); err != nil {
		t.Fatal(err)
	}
	var subjects []string
	for _, m := range mails(t, app) {
		subjects = append(subjects, m.GetString("subject"))
	}
	want := []string{"Ana tiene plaza: Fútbol – Primavera", "Leo está en la lista de espera: Fútbol – Primavera", "Hay plaza para Leo: Fútbol – Primavera"}
	if strings.Join(subjects, "|") != strings.Join(want, "|") {
		t.Errorf("subjects %q, want %q", subjects, want)
	}

	// A place comes with every meeting for the family's calendar; a
	// waitlist spot with none.
	ny := schematest.Location(t, "America/New_York")
	saturdays := 0
	for d := s.GetDateTime("first_day").Time().In(ny); !d.After(s.GetDateTime("last_day").Time().In(ny)); d = d.AddDate(0, 0, 1) {
		if d.Weekday() == time.Saturday {
			saturdays++
		}
	}
	all := mails(t, app)
	for i, who := range []string{"Ana", "", "Leo"} {
		if who == "" {
			if a := all[i].GetString("attachments"); a != "" && a != "null" && a != "[]" {
				t.Errorf("the waitlist email has attachments: %s", a)
			}
			continue
		}
		ics := icsOf(t, all[i])
		if n := strings.Count(ics, "BEGIN:VEVENT"); n != saturdays || saturdays < 4 ||
			!strings.Contains(ics, "SUMMARY:Fútbol – Primavera ("+who+")") || !strings.Contains(ics, "T090000") {
			t.Errorf("%s's calendar has %d events, want %d Saturdays at 09:00:\n%s", who, n, saturdays, ics)
		}
	}
}
