package booking_test

import (
	"errors"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// The clerk's decision: a decline needs a note, an approval is checked
// again against what was booked since, and only a pending reservation is
// decided.
func TestDecide(t *testing.T) {
	en := newEnv(t, local(2026, 5, 1, 9, 0))
	pending := func(date string) string {
		t.Helper()
		r, err := en.d.Reserve(en.app, en.in(date, "10:00", "12:00"))
		if err != nil || r.GetString("status") != booking.StatusPending {
			t.Fatalf("reserve: %v", err)
		}
		return r.Id
	}
	t.Run("decline needs a note", func(t *testing.T) {
		id := pending("2026-05-10")
		_, err := en.d.Decide(en.app, id, false, "  ")
		if got := problems(t, err); got[booking.MsgDecisionNote] != "note" {
			t.Fatalf("problems %v", got)
		}
		r, err := en.d.Decide(en.app, id, false, "The park is closed for repairs.")
		if err != nil || r.GetString("status") != booking.StatusDeclined || r.GetString("decision_note") != "The park is closed for repairs." {
			t.Fatalf("decline: %v %v", err, r)
		}
		_, err = en.d.Decide(en.app, id, true, "")
		if got := problems(t, err); got[booking.MsgNotPending] != "note" {
			t.Fatalf("deciding twice: %v", got)
		}
	})
	t.Run("approve checks the time again", func(t *testing.T) {
		id := pending("2026-05-11")
		// The clerk puts a town event on the same time in the dashboard.
		en.create(t, "events", map[string]any{"title": "Band concert", "facility": en.facility.Id,
			"starts": "2026-05-11 15:00:00.000Z", "ends": "2026-05-11 16:00:00.000Z"})
		_, err := en.d.Decide(en.app, id, true, "")
		if got := problems(t, err); got[booking.MsgTaken] != "note" {
			t.Fatalf("problems %v", got)
		}
		r, err := en.app.FindRecordById("reservations", id)
		if err != nil || r.GetString("status") != booking.StatusPending {
			t.Fatalf("still pending: %v %v", err, r)
		}
	})
	t.Run("approve", func(t *testing.T) {
		id := pending("2026-05-12")
		r, err := en.d.Decide(en.app, id, true, "Keys at the front desk.")
		if err != nil || r.GetString("status") != booking.StatusApproved {
			t.Fatalf("approve: %v", err)
		}
		day, ok := booking.ParseDate("2026-05-12")
		if !ok {
			t.Fatal("2026-05-12 is not a date")
		}
		fd, err := en.d.DayReservations(en.app, day, "es")
		if err != nil || len(fd) != 1 || len(fd[0].Bookings) != 1 || fd[0].Facility.Name != "Pabellón" {
			t.Fatalf("day: %v %+v", err, fd)
		}
		if b := fd[0].Bookings[0]; b.ID != id || b.Email != "maria@example.com" || b.Language != "es" {
			t.Fatalf("booking %+v", b)
		}
		ps, err := en.d.PendingReservations(en.app, "en")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range ps {
			if p.ID == id {
				t.Fatal("an approved booking is still listed as pending")
			}
		}
	})
	t.Run("unknown", func(t *testing.T) {
		if _, err := en.d.Decide(en.app, "nosuchreservati", true, ""); !errors.Is(err, booking.ErrNotFound) {
			t.Fatalf("got %v", err)
		}
	})
}

// A walk-in at the counter is registered under the site's rules; a
// refusal leaves no account or child behind; the same child is not added
// to the household twice; the roster lists places then the waitlist in
// signup order, with ages.
func TestRegisterWalkIn(t *testing.T) {
	en := newEnv(t, local(2026, 2, 10, 9, 0))
	s := en.session(t, 1)
	walk := func(email, name, birth string) error {
		_, err := en.d.RegisterWalkIn(en.app, booking.WalkIn{SessionID: s.Id, Language: "es", Email: email,
			Name: "Ana Ruiz", Phone: "555-0123", MemberName: name, MemberBirthdate: birth})
		return err
	}
	if got := problems(t, walk("not an email", "Leo", "2018-05-01")); got[booking.MsgWalkInEmail] != "email" {
		t.Fatalf("bad email: %v", got)
	}
	if got := problems(t, walk("ana@example.com", "Leo", "2021-05-01")); got[booking.MsgAge] != "members" {
		t.Fatalf("too young: %v", got)
	}
	if n := schematest.Count(t, en.app, "users", dbx.HashExp{"email": "ana@example.com"}); n != 0 {
		t.Fatalf("a refused walk-in left %d accounts", n)
	}
	if err := walk("Ana@Example.com", "Leo", "2018-05-01"); err != nil {
		t.Fatal(err)
	}
	if err := walk("ana@example.com", "leo", "2018-05-01"); problems(t, err)[booking.MsgAlreadySigned] != "members" {
		t.Fatalf("the same child twice: %v", err)
	}
	if err := walk("maria@example.com", "Sofía", "2017-03-01"); err != nil { // the only place is taken
		t.Fatal(err)
	}
	if n := schematest.Count(t, en.app, "household_members", dbx.NewExp("lower(name) = 'leo'")); n != 1 {
		t.Fatalf("%d Leos in the household", n)
	}
	ro, err := en.d.SessionRoster(en.app, s.Id, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(ro.Registered) != 1 || ro.Registered[0].Member != "Leo" || ro.Registered[0].Age != 7 || ro.Registered[0].Fee != 40 ||
		ro.Registered[0].Email != "ana@example.com" || ro.Registered[0].Resident != "Ana Ruiz" {
		t.Fatalf("registered %+v", ro.Registered)
	}
	if len(ro.Waitlist) != 1 || ro.Waitlist[0].Member != "Sofía" || ro.Program != "Youth soccer" {
		t.Fatalf("waitlist %+v", ro)
	}
}
