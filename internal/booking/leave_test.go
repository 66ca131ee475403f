package booking_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
)

// A resident who leaves gives back what they had booked: a future
// reservation is cancelled even inside the cancellation deadline, a past
// one is kept as it was, and their place in a full session goes to the
// first on its waitlist. Another resident's bookings are untouched.
func TestLeaveGivesBackBookings(t *testing.T) {
	en := newEnv(t, local(2026, 2, 10, 9, 0))
	en.set(t, map[string]any{"approval_required": false})
	past, err := en.d.Reserve(en.app, en.in("2026-02-11", "10:00", "12:00"))
	if err != nil {
		t.Fatal(err)
	}
	soon, err := en.d.Reserve(en.app, en.in("2026-02-13", "10:00", "12:00"))
	if err != nil {
		t.Fatal(err)
	}
	other := en.user(t, "ben@example.com", "en")
	in := en.in("2026-02-14", "10:00", "12:00")
	in.ResidentID = other.Id
	kept, err := en.d.Reserve(en.app, in)
	if err != nil {
		t.Fatal(err)
	}
	s := en.session(t, 1)
	mine, err := en.d.RegisterMembers(en.app, booking.Signup{SessionID: s.Id, ResidentID: en.resident.Id, Language: "es",
		MemberIDs: []string{en.child(t, en.resident, "Ana", "2018-05-01")}})
	if err != nil {
		t.Fatal(err)
	}
	waiting, err := en.d.RegisterMembers(en.app, booking.Signup{SessionID: s.Id, ResidentID: other.Id, Language: "en",
		MemberIDs: []string{en.child(t, other, "Bo", "2018-06-01")}})
	if err != nil || waiting[0].GetString("status") != booking.Waitlisted {
		t.Fatalf("second signup for one place: %v %v", waiting, err)
	}

	en.clock.Set(local(2026, 2, 12, 9, 0)) // the first booking is over; the second is within its 48 hours
	if err := en.app.RunInTransaction(func(tx core.App) error { return en.d.Leave(tx, en.resident.Id) }); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{past.Id: booking.StatusApproved, soon.Id: booking.StatusCancelled, kept.Id: booking.StatusApproved}
	for id, status := range want {
		r, err := en.app.FindRecordById("reservations", id)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.GetString("status"); got != status {
			t.Errorf("reservation starting %v: %s, want %s", r.GetDateTime("starts"), got, status)
		}
	}
	if got := statuses(t, en, s.Id); got["registered"] != 1 || got["cancelled"] != 1 || got["waitlisted"] != 0 {
		t.Errorf("session after leaving: %v", got)
	}
	if r, err := en.app.FindRecordById("registrations", waiting[0].Id); err != nil || r.GetString("status") != booking.Registered {
		t.Errorf("the waitlisted child did not get the place: %v", err)
	}
	if r, err := en.app.FindRecordById("registrations", mine[0].Id); err != nil || !r.GetDateTime("cancelled_at").Time().Equal(en.clock.Now()) {
		t.Errorf("withdrawal not dated on the domain's clock: %v", err)
	}
}
