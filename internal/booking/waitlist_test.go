package booking_test

import (
	"fmt"
	"github.com/townhall/townhall/internal/schema/schematest"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
)

func (en *env) session(t testing.TB, capacity int) *core.Record {
	t.Helper()
	p := en.create(t, "programs", map[string]any{"name": "Youth soccer", "slug": "soccer-" + core.GenerateDefaultRandomId(), "active": true})
	return en.create(t, "program_sessions", map[string]any{"program": p.Id, "name": "Spring, ages 6 to 9",
		"first_day": "2026-04-04 00:00:00.000Z", "last_day": "2026-05-30 00:00:00.000Z", "weekdays": []string{"saturday"},
		"start_time": "09:00", "end_time": "10:00", "min_age": 6, "max_age": 9, "capacity": capacity, "fee": 40, "active": true,
		"registration_opens": "2026-02-01 00:00:00.000Z", "registration_closes": "2026-03-15 00:00:00.000Z"})
}

func (en *env) child(t testing.TB, resident *core.Record, name, birth string) string {
	t.Helper()
	return en.create(t, "household_members", map[string]any{"resident": resident.Id, "name": name, "birthdate": birth + " 00:00:00.000Z"}).Id
}

func statuses(t testing.TB, en *env, session string) map[string]int {
	t.Helper()
	recs, err := en.app.FindRecordsByFilter("registrations", "session = {:s}", "", 0, 0, map[string]any{"s": session})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range recs {
		out[r.GetString("status")]++
	}
	return out
}

// A full session puts people on the waitlist; each freed place goes to
// exactly one person, the one who waited longest, whoever frees it.
func TestWaitlistPromotesOnePerFreedPlace(t *testing.T) {
	en := newEnv(t, local(2026, 2, 10, 9, 0))
	s := en.session(t, 2)
	var regs []*core.Record
	for i := range 5 {
		id := en.child(t, en.resident, fmt.Sprintf("Child %d", i), "2018-05-01")
		out, err := en.d.RegisterMembers(en.app, booking.Signup{SessionID: s.Id, ResidentID: en.resident.Id, Language: "es", MemberIDs: []string{id}})
		if err != nil {
			t.Fatal(err)
		}
		regs = append(regs, out[0])
	}
	if got := statuses(t, en, s.Id); got["registered"] != 2 || got["waitlisted"] != 3 {
		t.Fatalf("after 5 signups for 2 places: %v", got)
	}
	// The resident withdraws a place: the first on the waitlist gets it,
	// promoted at the domain's time.
	withdrawn := en.clock.Advance(time.Hour)
	if _, err := en.d.Withdraw(en.app, en.resident.Id, regs[0].Id); err != nil {
		t.Fatal(err)
	}
	if got := statuses(t, en, s.Id); got["registered"] != 2 || got["waitlisted"] != 2 {
		t.Errorf("after one withdrawal: %v", got)
	}
	r2, err := en.app.FindRecordById("registrations", regs[2].Id)
	if err != nil || r2.GetString("status") != "registered" {
		t.Fatalf("the longest waiting was not promoted: %v %v", r2, err)
	}
	if at := r2.GetDateTime("promoted_at").Time(); !at.Equal(withdrawn) {
		t.Errorf("promoted_at %v, want the domain's clock, %v", at, withdrawn)
	}
	// Withdrawing from the waitlist promotes no one.
	if _, err := en.d.Withdraw(en.app, en.resident.Id, regs[4].Id); err != nil {
		t.Fatal(err)
	}
	if got := statuses(t, en, s.Id); got["registered"] != 2 || got["waitlisted"] != 1 {
		t.Errorf("after leaving the waitlist: %v", got)
	}
	// The clerk cancels a place in the admin UI.
	r1, _ := en.app.FindRecordById("registrations", regs[1].Id)
	r1.Set("status", "cancelled")
	cancelled := en.clock.Advance(time.Hour)
	if err := en.app.Save(r1); err != nil {
		t.Fatal(err)
	}
	if at := r1.GetDateTime("cancelled_at").Time(); !at.Equal(cancelled) {
		t.Errorf("cancelled_at %v, want the domain's clock, %v", at, cancelled)
	}
	if got := statuses(t, en, s.Id); got["registered"] != 2 || got["waitlisted"] != 0 {
		t.Errorf("after the clerk cancelled one: %v", got)
	}
	// The clerk adds places: nobody is left to promote, and nobody is promoted twice.
	s.Set("capacity", 4)
	if err := en.app.Save(s); err != nil {
		t.Fatal(err)
	}
	if got := statuses(t, en, s.Id); got["registered"] != 2 || got["cancelled"] != 3 {
		t.Errorf("after adding places: %v", got)
	}
}

// Many families at once: exactly capacity places are given; freeing places
// at once promotes exactly that many.
func TestConcurrentSignupsAndWithdrawals(t *testing.T) {
	en := newEnv(t, local(2026, 2, 10, 9, 0))
	s := en.session(t, 5)
	const n = 20
	members := make([]string, n)
	for i := range members {
		members[i] = en.child(t, en.resident, fmt.Sprintf("Kid %d", i), "2019-01-15")
	}
	regs := make([]*core.Record, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := en.d.RegisterMembers(en.app, booking.Signup{SessionID: s.Id, ResidentID: en.resident.Id, MemberIDs: []string{members[i]}})
			if err != nil {
				t.Error(err)
				return
			}
			regs[i] = out[0]
		}()
	}
	wg.Wait()
	if got := statuses(t, en, s.Id); got["registered"] != 5 || got["waitlisted"] != 15 {
		t.Fatalf("20 signups for 5 places: %v", got)
	}
	var held []string
	for _, r := range regs {
		if r.GetString("status") == "registered" {
			held = append(held, r.Id)
		}
	}
	for _, id := range held[:3] {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := en.d.Withdraw(en.app, en.resident.Id, id); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if got := statuses(t, en, s.Id); got["registered"] != 5 || got["waitlisted"] != 12 || got["cancelled"] != 3 {
		t.Errorf("after 3 withdrawals at once: %v", got)
	}
}

// Ages, the registration window and double signups are checked, and a new
// household member is only kept if the signup succeeds.
func TestSignupRules(t *testing.T) {
	en := newEnv(t, local(2026, 1, 10, 9, 0))
	s := en.session(t, 10)
	kid := en.child(t, en.resident, "Ana", "2018-04-05") // 7 on 4 April 2026
	signup := booking.Signup{SessionID: s.Id, ResidentID: en.resident.Id, MemberIDs: []string{kid}}
	if p := problems(t, func() error { _, err := en.d.RegisterMembers(en.app, signup); return err }()); p[booking.MsgNotOpenYet] == "" {
		t.Errorf("before the window: %v", p)
	}
	en.clock.Set(local(2026, 2, 10, 9, 0))
	young := booking.Signup{SessionID: s.Id, ResidentID: en.resident.Id, NewName: "Leo", NewBirthdate: "2021-06-01"}
	if p := problems(t, func() error { _, err := en.d.RegisterMembers(en.app, young); return err }()); p[booking.MsgAge] == "" {
		t.Errorf("too young: %v", p)
	}
	if n := schematest.Count(t, en.app, "household_members"); n != 1 {
		t.Errorf("a refused signup kept its new member: %d members", n)
	}
	if p := problems(t, func() error {
		_, err := en.d.RegisterMembers(en.app, booking.Signup{SessionID: s.Id, ResidentID: en.resident.Id})
		return err
	}()); p[booking.MsgChooseMember] == "" {
		t.Errorf("nobody chosen: %v", p)
	}
	if _, err := en.d.RegisterMembers(en.app, signup); err != nil {
		t.Fatal(err)
	}
	if p := problems(t, func() error { _, err := en.d.RegisterMembers(en.app, signup); return err }()); p[booking.MsgAlreadySigned] == "" {
		t.Errorf("twice: %v", p)
	}
	other := en.user(t, "other@example.com", "en")
	if _, err := en.d.RegisterMembers(en.app, booking.Signup{SessionID: s.Id, ResidentID: other.Id, MemberIDs: []string{kid}}); err == nil {
		t.Error("a resident signed up another household's child")
	}
	en.clock.Set(local(2026, 3, 16, 9, 0))
	if p := problems(t, func() error { _, err := en.d.RegisterMembers(en.app, young); return err }()); p[booking.MsgClosedForReg] == "" {
		t.Errorf("after the window: %v", p)
	}
}
