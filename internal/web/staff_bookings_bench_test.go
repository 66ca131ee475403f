package web_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// bookingsTown is the demo town with a busy year of bookings: 3,000
// reservations of its facilities (60 still waiting for the clerk) by 300
// residents, and its soccer sessions full with a waitlist; the clerk is
// signed in on the desk.
func bookingsTown(b *testing.B) (core.App, http.Handler, string) {
	app := demoApp(b)
	var fs []*core.Record
	if err := app.RecordQuery("facilities").All(&fs); err != nil {
		b.Fatal(err)
	}
	sessions, err := app.FindRecordsByFilter("program_sessions", "id != ''", "", 0, 0)
	if err != nil || len(sessions) == 0 {
		b.Fatal(err)
	}
	start := time.Now().UTC().AddDate(0, -6, 0).Truncate(24 * time.Hour)
	err = app.RunInTransaction(func(tx core.App) error {
		for i := range 300 {
			if _, err := tx.DB().Insert("users", dbx.Params{"id": fmt.Sprintf("benchres%07d", i), "email": fmt.Sprintf("r%d@example.org", i),
				"password": "x", "tokenKey": fmt.Sprintf("key%d", i), "verified": true, "name": fmt.Sprintf("Resident %d", i),
				"language": "en", "role": "resident", "created": benchTime(start), "updated": benchTime(start)}).Execute(); err != nil {
				return err
			}
			if _, err := tx.DB().Insert("household_members", dbx.Params{"id": fmt.Sprintf("benchkid%07d", i), "resident": fmt.Sprintf("benchres%07d", i),
				"name": fmt.Sprintf("Kid %d", i), "birthdate": "2016-05-01 00:00:00.000Z", "created": benchTime(start), "updated": benchTime(start)}).Execute(); err != nil {
				return err
			}
		}
		for i := range 3000 {
			day := start.AddDate(0, 0, i/8)
			status := "approved"
			if i >= 2940 {
				status = "pending"
			}
			_, err := tx.DB().Insert("reservations", dbx.Params{"id": fmt.Sprintf("benchbk%08d", i), "facility": fs[i%len(fs)].Id,
				"starts": benchTime(day.Add(time.Duration(12+i%8) * time.Hour)), "ends": benchTime(day.Add(time.Duration(13+i%8) * time.Hour)),
				"status": status, "resident": fmt.Sprintf("benchres%07d", i%300), "purpose": "Birthday party", "attendees": 20, "fee": 40,
				"language": "en", "created": benchTime(start), "updated": benchTime(start)}).Execute()
			if err != nil {
				return err
			}
		}
		for i := range 120 {
			status := "registered"
			if i >= 20 {
				status = "waitlisted"
			}
			_, err := tx.DB().Insert("registrations", dbx.Params{"id": fmt.Sprintf("benchrg%08d", i), "session": sessions[len(sessions)-1].Id,
				"member": fmt.Sprintf("benchkid%07d", i), "resident": fmt.Sprintf("benchres%07d", i), "status": status, "fee": 40,
				"language": "en", "created": benchTime(start.Add(time.Duration(i) * time.Minute)), "updated": benchTime(start)}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return app, clerkDesk(b, app), sessions[len(sessions)-1].Id
}

// BenchmarkDeskBookings measures the clerk's bookings page (pending
// bookings, today and another day, the program sessions) and a full
// session's roster with its waitlist, and reports the p95.
func BenchmarkDeskBookings(b *testing.B) {
	_, h, session := bookingsTown(b)
	day := time.Now().AddDate(0, 3, 0).Format(time.DateOnly)
	paths := []string{"/en/staff/bookings", "/en/staff/bookings?day=" + day, "/en/staff/sessions/" + session}
	i := 0
	latencies(b, h, func() string { i++; return paths[i%len(paths)] })
}
