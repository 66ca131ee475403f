package booking_test

import (
	"bytes"
	"sort"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/townhall/townhall/internal/booking"
)

// parse reads cal back with a real iCalendar parser, after checking the
// lines themselves: CRLF only, at most 75 octets.
func parse(t *testing.T, raw []byte) *ics.Calendar {
	t.Helper()
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Error("the file does not end in CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, line)
		}
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, raw)
	}
	return cal
}

// zoneRules reads the VTIMEZONE's observances: local start → offset after.
type observance struct {
	start  string // local, 20060102T150405
	offset time.Duration
}

func zoneRules(t *testing.T, cal *ics.Calendar) []observance {
	t.Helper()
	var out []observance
	for _, c := range cal.Components {
		tz, ok := c.(*ics.VTimezone)
		if !ok {
			continue
		}
		for _, sub := range tz.SubComponents() {
			var base *ics.ComponentBase
			switch o := sub.(type) {
			case *ics.Standard:
				base = &o.ComponentBase
			case *ics.Daylight:
				base = &o.ComponentBase
			default:
				continue
			}
			to := base.GetProperty(ics.ComponentProperty("TZOFFSETTO")).Value
			sign := 1
			if to[0] == '-' {
				sign = -1
			}
			h, m := int(to[1]-'0')*10+int(to[2]-'0'), int(to[3]-'0')*10+int(to[4]-'0')
			out = append(out, observance{base.GetProperty(ics.ComponentPropertyDtStart).Value, time.Duration(sign) * (time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// resolve turns a local DTSTART into an instant with the file's own
// VTIMEZONE, not Go's zone database.
func resolve(t *testing.T, rules []observance, localTime string) time.Time {
	t.Helper()
	var off time.Duration
	found := false
	for _, o := range rules {
		if o.start <= localTime {
			off, found = o.offset, true
		}
	}
	if !found {
		t.Fatalf("no observance covers %s", localTime)
	}
	l, err := time.Parse("20060102T150405", localTime)
	if err != nil {
		t.Fatal(err)
	}
	return l.Add(-off)
}

// The calendar parses, and its times come back as the same instants, by
// Go's zone database (TZID) and by the file's own VTIMEZONE, on both sides
// of both clock changes.
func TestICalendarRoundTrip(t *testing.T) {
	en := newEnv(t, local(2026, 1, 1, 9, 0))
	cal := en.d.NewCalendar("Town calendar, with a long name that needs folding; commas, too", "PUBLISH")
	starts := []time.Time{local(2026, 3, 7, 10, 0), local(2026, 3, 8, 10, 0), local(2026, 10, 31, 18, 30), local(2026, 11, 1, 1, 30), local(2026, 12, 24, 23, 0)}
	for i, s := range starts {
		cal.Events = append(cal.Events, booking.Event{
			UID: "event-" + string(rune('a'+i)) + "@testville.example", Stamp: local(2026, 1, 1, 9, 0), Start: s, End: s.Add(90 * time.Minute),
			Summary:     "Reunión de la Junta: presupuesto, obras; y más — con un título muy largo que hay que plegar en varias líneas",
			Description: "Line one\nLine two, with a comma; and a semicolon \\ backslash",
			Location:    "Ayuntamiento, sala de reuniones", Status: "CONFIRMED", OrganizerName: `The "Clerk"`, OrganizerEmail: "clerk@testville.example",
		})
	}
	raw := cal.Bytes()
	parsed := parse(t, raw)
	rules := zoneRules(t, parsed)
	if len(rules) < 2 {
		t.Fatalf("VTIMEZONE has %d observances:\n%s", len(rules), raw)
	}
	evs := parsed.Events()
	if len(evs) != len(starts) {
		t.Fatalf("%d events parsed, want %d", len(evs), len(starts))
	}
	for i, ev := range evs {
		got, err := ev.GetStartAt()
		if err != nil || !got.Equal(starts[i]) {
			t.Errorf("event %d starts %v (%v), want %v", i, got, err, starts[i])
		}
		end, err := ev.GetEndAt()
		if err != nil || !end.Equal(starts[i].Add(90*time.Minute)) {
			t.Errorf("event %d ends %v (%v)", i, end, err)
		}
		dt := ev.GetProperty(ics.ComponentPropertyDtStart)
		if tz := dt.ICalParameters["TZID"]; len(tz) != 1 || tz[0] != "America/New_York" {
			t.Errorf("DTSTART TZID %v", tz)
		}
		if own := resolve(t, rules, dt.Value); !own.Equal(starts[i]) {
			t.Errorf("event %d by the file's VTIMEZONE is %v, want %v", i, own, starts[i])
		}
		if stamp, err := ev.GetDtStampTime(); err != nil || !stamp.Equal(local(2026, 1, 1, 9, 0)) {
			t.Errorf("DTSTAMP %v %v", stamp, err)
		}
		if s := ev.GetProperty(ics.ComponentPropertySummary).Value; !strings.Contains(s, "plegar en varias") {
			t.Errorf("summary %q", s)
		}
	}
	for _, want := range []string{"VERSION:2.0\r\n", "METHOD:PUBLISH\r\n", "PRODID:-//Testville//Townhall//EN\r\n",
		`DESCRIPTION:Line one\nLine two\, with a comma\; and a semicolon \\ backslash`, "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400",
		"ORGANIZER;CN=\"The Clerk\":mailto:clerk@testville.example"} {
		if !bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n "), nil), []byte(want)) {
			t.Errorf("missing %q in\n%s", want, raw)
		}
	}
}

// A reservation's event keeps its UID through every decision, with a rising
// SEQUENCE and the matching STATUS.
func TestReservationEventIsStable(t *testing.T) {
	en := newEnv(t, local(2026, 5, 1, 9, 0))
	r, err := en.d.Reserve(en.app, en.in("2026-06-06", "10:00", "12:00"))
	if err != nil {
		t.Fatal(err)
	}
	var uids []string
	for _, status := range []string{"pending", "approved", "cancelled"} {
		r.Set("status", status)
		h := en.d.ReservationHappening(en.app, r, "es")
		cal := en.d.NewCalendar("", "PUBLISH")
		cal.Events = []booking.Event{en.d.Event(h, "Reserva: "+h.Facility, "")}
		ev := parse(t, cal.Bytes()).Events()[0]
		uids = append(uids, ev.Id())
		want := map[string]string{"pending": "TENTATIVE", "approved": "CONFIRMED", "cancelled": "CANCELLED"}[status]
		if got := ev.GetProperty(ics.ComponentPropertyStatus).Value; got != want {
			t.Errorf("%s: STATUS %s, want %s", status, got, want)
		}
		if got := ev.GetProperty(ics.ComponentPropertySequence).Value; got != map[string]string{"pending": "0", "approved": "1", "cancelled": "2"}[status] {
			t.Errorf("%s: SEQUENCE %s", status, got)
		}
		if loc := ev.GetProperty(ics.ComponentPropertyLocation).Value; loc != "Pabellón" {
			t.Errorf("location in Spanish: %q", loc)
		}
	}
	if uids[0] != uids[1] || uids[1] != uids[2] || !strings.HasSuffix(uids[0], "@testville.example") {
		t.Errorf("UIDs %v", uids)
	}
}

// A resident's feed link works until it is reset; a changed link never does.
func TestFeedToken(t *testing.T) {
	en := newEnv(t, local(2026, 5, 1, 9, 0))
	tok, err := booking.FeedToken(en.app, en.resident)
	if err != nil {
		t.Fatal(err)
	}
	if u, ok := booking.FeedUser(en.app, tok+".ics"); !ok || u.Id != en.resident.Id {
		t.Errorf("the resident's own token was refused")
	}
	last := tok[len(tok)-1]
	flipped := tok[:len(tok)-1] + string("0123456789abcdef"[(strings.IndexByte("0123456789abcdef", last)+1)%16])
	other := en.user(t, "other@example.com", "en")
	for _, bad := range []string{flipped, other.Id + tok[strings.IndexByte(tok, '.'):], "", "nodot", en.resident.Id + "."} {
		if _, ok := booking.FeedUser(en.app, bad); ok {
			t.Errorf("tampered token %q accepted", bad)
		}
	}
	if err := booking.ResetFeed(en.app, en.resident); err != nil {
		t.Fatal(err)
	}
	if _, ok := booking.FeedUser(en.app, tok); ok {
		t.Error("an old token still works after a reset")
	}
}
