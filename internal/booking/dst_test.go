package booking_test

import (
	"testing"
	"time"

	"github.com/townhall/townhall/internal/booking"
)

// Around New York's clock changes a day has 23 or 25 hours: the table has
// one row per real hour, a booking typed in wall-clock time lands on the
// right instant, a time that does not exist is refused, and a repeated one
// means its first occurrence.
func TestDaylightSavingBoundaries(t *testing.T) {
	en := newEnv(t, local(2026, 3, 1, 9, 0))
	var hours []map[string]any
	for d := 0; d < 7; d++ {
		hours = append(hours, map[string]any{"day": d, "open": "00:00", "close": "24:00"})
	}
	en.set(t, map[string]any{"hours": hours, "min_minutes": 60, "max_minutes": 600, "advance_days": 365})
	f, err := en.d.FacilityBySlug(en.app, "pavilion", "en")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		day     booking.Date
		rows    int
		changes bool
	}{
		{booking.Date{Year: 2026, Month: 3, Day: 7}, 24, false},
		{booking.Date{Year: 2026, Month: 3, Day: 8}, 23, true},  // spring forward
		{booking.Date{Year: 2026, Month: 11, Day: 1}, 25, true}, // fall back
	} {
		days, err := en.d.Availability(en.app, f, tc.day, 1, "en")
		if err != nil {
			t.Fatal(err)
		}
		if got := len(days[0].Slots); got != tc.rows || days[0].Changes != tc.changes {
			t.Errorf("%s: %d rows (changes %v), want %d (%v)", tc.day, got, days[0].Changes, tc.rows, tc.changes)
		}
		for i := 1; i < len(days[0].Slots); i++ {
			if d := days[0].Slots[i].Start.Sub(days[0].Slots[i-1].Start); d != time.Hour {
				t.Errorf("%s: rows %d and %d are %v apart", tc.day, i-1, i, d)
			}
		}
	}
	// The same wall-clock time is a different UTC time either side of the change.
	for _, tc := range []struct{ date, want string }{
		{"2026-03-07", "2026-03-07T15:00:00Z"}, // EST, UTC−5
		{"2026-03-08", "2026-03-08T14:00:00Z"}, // EDT, UTC−4
		{"2026-10-31", "2026-10-31T14:00:00Z"},
		{"2026-11-01", "2026-11-01T15:00:00Z"},
	} {
		r, err := en.d.Reserve(en.app, en.in(tc.date, "10:00", "12:00"))
		if err != nil {
			t.Fatalf("%s: %v", tc.date, err)
		}
		if got := r.GetDateTime("starts").Time().UTC().Format(time.RFC3339); got != tc.want {
			t.Errorf("%s 10:00 stored as %s, want %s", tc.date, got, tc.want)
		}
	}
	// 02:30 does not exist on 8 March; 01:00–03:00 that night is one real hour.
	_, err = en.d.Reserve(en.app, en.in("2026-03-08", "02:30", "04:00"))
	if p := problems(t, err); p[booking.MsgNoSuchTime] != "start" {
		t.Errorf("nonexistent time: %v", p)
	}
	short, err := en.d.Reserve(en.app, en.in("2026-03-08", "01:00", "03:00"))
	if err != nil {
		t.Fatal(err)
	}
	if d := short.GetDateTime("ends").Time().Sub(short.GetDateTime("starts").Time()); d != time.Hour {
		t.Errorf("01:00–03:00 on spring-forward night lasts %v, want one real hour", d)
	}
	// 01:30 happens twice on 1 November: the first (EDT) is meant.
	_, err = en.d.Reserve(en.app, en.in("2026-11-01", "05:00", "06:00"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := en.d.Reserve(en.app, en.in("2026-11-01", "00:30", "01:30"))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.GetDateTime("ends").Time().UTC().Format(time.RFC3339); got != "2026-11-01T05:30:00Z" {
		t.Errorf("01:30 on fall-back night stored as %s, want the first one, 05:30Z", got)
	}
}

// A program that meets Saturdays at 9:00 still meets at 9:00 after the
// clocks change, and blocks its facility then.
func TestProgramMeetingsKeepTheirWallClock(t *testing.T) {
	en := newEnv(t, local(2026, 2, 1, 9, 0))
	p := en.create(t, "programs", map[string]any{"name": "Youth soccer", "slug": "soccer", "active": true})
	en.create(t, "program_sessions", map[string]any{"program": p.Id, "name": "Spring", "facility": en.facility.Id,
		"first_day": "2026-02-28 00:00:00.000Z", "last_day": "2026-03-14 00:00:00.000Z", "weekdays": []string{"saturday"},
		"start_time": "09:00", "end_time": "10:30", "capacity": 10, "active": true,
		"registration_opens": "2026-01-01 00:00:00.000Z", "registration_closes": "2026-02-27 00:00:00.000Z"})
	hs, err := en.d.PublicCalendar(en.app, local(2026, 2, 27, 0, 0), local(2026, 3, 20, 0, 0), "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(hs) != 3 {
		t.Fatalf("%d meetings, want 3 Saturdays", len(hs))
	}
	for _, h := range hs {
		if l := h.Start.In(ny); l.Hour() != 9 || l.Minute() != 0 || l.Weekday() != time.Saturday || h.End.Sub(h.Start) != 90*time.Minute {
			t.Errorf("meeting at %v–%v", l, h.End.In(ny))
		}
	}
	if hs[0].UID == hs[1].UID {
		t.Error("two meetings share a UID")
	}
	_, err = en.d.Reserve(en.app, en.in("2026-03-14", "10:00", "12:00"))
	if p := problems(t, err); p[booking.MsgTaken] == "" {
		t.Errorf("a booking over a program meeting: %v", p)
	}
}
