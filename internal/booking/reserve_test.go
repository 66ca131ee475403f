package booking_test

import (
	"errors"
	"github.com/townhall/townhall/internal/schema/schematest"
	"sync"
	"testing"

	"github.com/townhall/townhall/internal/booking"
)

// A hundred residents asking for the same Saturday at once get exactly one
// booking between them; everyone else is told it is taken.
func TestConcurrentAttemptsOnOneSlotYieldOneBooking(t *testing.T) {
	en := newEnv(t, local(2026, 5, 1, 9, 0))
	const n = 100
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = en.d.Reserve(en.app, en.in("2026-06-06", "10:00", "14:00"))
		}()
	}
	wg.Wait()
	ok, taken := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case problems(t, err)[booking.MsgTaken] == "start":
			taken++
		default:
			t.Errorf("unexpected error: %v", err)
		}
	}
	if ok != 1 || taken != n-1 {
		t.Errorf("%d bookings and %d refusals, want 1 and %d", ok, taken, n-1)
	}
	if c := schematest.Count(t, en.app, "reservations"); c != 1 {
		t.Errorf("%d reservations stored, want 1", c)
	}
}

// Overlaps are refused, touching bookings are fine, and the facility's
// buffer keeps a gap around each booking.
func TestOverlapAndBufferRules(t *testing.T) {
	en := newEnv(t, local(2026, 5, 1, 9, 0))
	first, err := en.d.Reserve(en.app, en.in("2026-06-06", "10:00", "12:00"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		start, end string
		want       string // message, or "" for booked
	}{
		{"11:00", "13:00", booking.MsgTaken},
		{"09:00", "10:30", booking.MsgTaken},
		{"09:00", "13:00", booking.MsgTaken},
		{"12:00", "13:00", ""}, // touching, no buffer yet
	} {
		_, err := en.d.Reserve(en.app, en.in("2026-06-06", tc.start, tc.end))
		if tc.want == "" && err != nil {
			t.Errorf("%s–%s: %v", tc.start, tc.end, err)
		}
		if tc.want != "" && problems(t, err)[tc.want] == "" {
			t.Errorf("%s–%s: %v, want %s", tc.start, tc.end, err, tc.want)
		}
	}
	en.set(t, map[string]any{"buffer_minutes": 30})
	for _, tc := range []struct {
		start, end string
		want       string
	}{
		{"13:00", "14:00", booking.MsgBuffer + "_minutes"}, // right after 12–13
		{"08:30", "09:45", booking.MsgBuffer + "_minutes"}, // 15 minutes before 10:00
		{"13:30", "14:30", ""},
		{"08:00", "09:30", ""},
	} {
		_, err := en.d.Reserve(en.app, en.in("2026-06-06", tc.start, tc.end))
		if tc.want == "" && err != nil {
			t.Errorf("buffer %s–%s: %v", tc.start, tc.end, err)
		}
		if tc.want != "" && problems(t, err)[tc.want] == "" {
			t.Errorf("buffer %s–%s: %v, want %s", tc.start, tc.end, err, tc.want)
		}
	}
	// A cancelled booking frees its time.
	en.clock.Set(local(2026, 5, 2, 9, 0))
	if _, err := en.d.Cancel(en.app, en.resident.Id, first.Id); err != nil {
		t.Fatal(err)
	}
	if _, err := en.d.Reserve(en.app, en.in("2026-06-06", "10:00", "11:00")); err != nil {
		t.Errorf("the cancelled time is still blocked: %v", err)
	}
}

// The database itself refuses overlapping live reservations, whoever
// writes them; the clerk's hook also keeps the buffer.
func TestClerkCannotDoubleBook(t *testing.T) {
	en := newEnv(t, local(2026, 5, 1, 9, 0))
	r, err := en.d.Reserve(en.app, en.in("2026-06-06", "10:00", "12:00"))
	if err != nil {
		t.Fatal(err)
	}
	other := en.create(t, "reservations", map[string]any{"facility": en.facility.Id, "starts": r.GetString("starts"),
		"ends": r.GetString("ends"), "status": "cancelled", "purpose": "phone booking"})
	other.Set("status", "approved")
	if err := en.app.Save(other); err == nil {
		t.Error("the clerk re-opened a reservation over another")
	}
	if _, err := en.app.DB().NewQuery(`UPDATE reservations SET status = 'approved' WHERE id = {:id}`).
		Bind(map[string]any{"id": other.Id}).Execute(); err == nil {
		t.Error("the database accepted an overlapping reservation")
	}
}

// Closures and holidays make a day unbookable and show on the availability.
func TestClosuresAndHolidays(t *testing.T) {
	en := newEnv(t, local(2026, 5, 1, 9, 0))
	en.create(t, "closures", map[string]any{"reason": "Independence Day", "first_day": "2026-07-04 00:00:00.000Z", "last_day": "2026-07-04 00:00:00.000Z",
		"translations": map[string]any{"es": map[string]string{"reason": "Día de la Independencia"}}})
	en.create(t, "closures", map[string]any{"reason": "Roof repairs", "facility": en.facility.Id,
		"first_day": "2026-07-10 00:00:00.000Z", "last_day": "2026-07-12 00:00:00.000Z"})
	for _, date := range []string{"2026-07-04", "2026-07-10", "2026-07-11", "2026-07-12"} {
		if p := problems(t, func() error { _, err := en.d.Reserve(en.app, en.in(date, "10:00", "12:00")); return err }()); p[booking.MsgClosed] != "date" {
			t.Errorf("%s: %v", date, p)
		}
	}
	if _, err := en.d.Reserve(en.app, en.in("2026-07-13", "10:00", "12:00")); err != nil {
		t.Errorf("the day after the closure: %v", err)
	}
	f, _ := en.d.FacilityBySlug(en.app, "pavilion", "es")
	days, err := en.d.Availability(en.app, f, booking.Date{Year: 2026, Month: 7, Day: 3}, 2, "es")
	if err != nil {
		t.Fatal(err)
	}
	if days[0].Closed != "" || len(days[0].Free) == 0 || days[1].Closed != "Día de la Independencia" || len(days[1].Slots) != 0 {
		t.Errorf("availability around the holiday: %+v", days)
	}
}

// Everything a resident can get wrong gets its own reason, on its field.
func TestBadInputGetsAReason(t *testing.T) {
	en := newEnv(t, local(2026, 5, 1, 9, 0))
	en.set(t, map[string]any{"notice_hours": 48})
	if _, err := en.d.Reserve(en.app, en.in("2026-06-06", "10:00", "12:00")); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name              string
		date, start, end  string
		purpose, attendee string
		want, field       string
	}{
		{"outside hours", "2026-06-10", "20:00", "22:00", "", "", booking.MsgOutsideHours, "start"},
		{"before opening", "2026-06-10", "06:00", "08:30", "", "", booking.MsgOutsideHours, "start"},
		{"past", "2026-04-30", "10:00", "12:00", "", "", booking.MsgPast, "start"},
		{"too soon (whole days)", "2026-05-02", "10:00", "12:00", "", "", booking.MsgTooSoonDays, "start"},
		{"too long", "2026-06-10", "09:00", "14:00", "", "", booking.MsgTooLong + "_hours", "end"},
		{"too short", "2026-06-10", "09:00", "09:30", "", "", booking.MsgTooShort + "_hours", "end"},
		{"overlapping", "2026-06-06", "11:00", "13:00", "", "", booking.MsgTaken, "start"},
		{"beyond the window", "2026-08-01", "10:00", "12:00", "", "", booking.MsgBeyondWindow, "date"},
		{"end before start", "2026-06-10", "12:00", "10:00", "", "", booking.MsgEndBeforeStart, "end"},
		{"no date", "", "12:00", "14:00", "", "", booking.MsgDateRequired, "date"},
		{"bad time", "2026-06-10", "noon", "14:00", "", "", booking.MsgTimeRequired, "start"},
		{"no purpose", "2026-06-10", "10:00", "12:00", " ", "", booking.MsgPurpose, "purpose"},
		{"too many people", "2026-06-10", "10:00", "12:00", "", "61", booking.MsgOverCapacity, "attendees"},
		{"no people", "2026-06-10", "10:00", "12:00", "", "zero", booking.MsgAttendees, "attendees"},
	} {
		in := en.in(tc.date, tc.start, tc.end)
		if tc.purpose != "" {
			in.Purpose = tc.purpose
		}
		if tc.attendee != "" {
			in.Attendees = tc.attendee
		}
		_, err := en.d.Reserve(en.app, in)
		if got := problems(t, err); got[tc.want] != tc.field {
			t.Errorf("%s: problems %v, want %s on %s", tc.name, got, tc.want, tc.field)
		}
	}
	if c := schematest.Count(t, en.app, "reservations"); c != 1 {
		t.Errorf("%d reservations stored, want only the first", c)
	}
}

// A resident cancels their own booking up to the facility's deadline, and
// never someone else's.
func TestCancelDeadline(t *testing.T) {
	en := newEnv(t, local(2026, 6, 1, 9, 0))
	r, err := en.d.Reserve(en.app, en.in("2026-06-06", "10:00", "12:00"))
	if err != nil {
		t.Fatal(err)
	}
	other := en.user(t, "other@example.com", "en")
	if _, err := en.d.Cancel(en.app, other.Id, r.Id); !errors.Is(err, booking.ErrNotFound) {
		t.Errorf("another resident cancelled it: %v", err)
	}
	en.clock.Set(local(2026, 6, 4, 10, 30)) // 47.5 hours before
	if p := problems(t, func() error { _, err := en.d.Cancel(en.app, en.resident.Id, r.Id); return err }()); p[booking.MsgCancelTooLate] == "" {
		t.Errorf("cancelled after the deadline: %v", p)
	}
	en.clock.Set(local(2026, 6, 4, 9, 59))
	got, err := en.d.Cancel(en.app, en.resident.Id, r.Id)
	if err != nil || got.GetString("status") != "cancelled" {
		t.Fatalf("cancel before the deadline: %v %v", got, err)
	}
	if at := got.GetDateTime("cancelled_at").Time(); !at.Equal(local(2026, 6, 4, 9, 59)) {
		t.Errorf("cancelled_at %v, want the domain's clock, %v", at, local(2026, 6, 4, 9, 59))
	}
}

// Instant facilities confirm at once; others wait for the clerk.
func TestInstantOrApproval(t *testing.T) {
	en := newEnv(t, local(2026, 5, 1, 9, 0))
	r, err := en.d.Reserve(en.app, en.in("2026-06-06", "10:00", "12:00"))
	if err != nil || r.GetString("status") != "pending" || r.GetFloat("fee") != 40 {
		t.Fatalf("approval-required booking: %v %v", r, err)
	}
	en.set(t, map[string]any{"approval_required": false})
	r, err = en.d.Reserve(en.app, en.in("2026-06-07", "10:00", "12:00"))
	if err != nil || r.GetString("status") != "approved" {
		t.Fatalf("instant booking: %v %v", r, err)
	}
	if !r.GetDateTime("starts").Time().Equal(local(2026, 6, 7, 10, 0)) {
		t.Errorf("stored start %v", r.GetDateTime("starts"))
	}
}
