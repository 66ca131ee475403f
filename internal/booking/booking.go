// Package booking is facility reservations and program registrations:
// what is free when, in the town's time zone and across daylight-saving
// changes; reservations held in one transaction so a facility is never
// booked twice; the rules residents book under; program sessions with a
// waitlist that promotes the next person when a place frees up; and the
// iCalendar files and feeds of it all.
//
// Only this package writes reservations, registrations and household
// members; the site, the admin UI's hooks and the emails call it.
package booking

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/town"
)

// Collections this package owns.
const (
	Facilities    = "facilities"
	Reservations  = "reservations"
	Closures      = "closures"
	Programs      = "programs"
	Sessions      = "program_sessions"
	Members       = "household_members"
	Registrations = "registrations"
	Events        = "events"
)

// Reservation statuses.
const (
	StatusPending   = "pending"
	StatusApproved  = "approved"
	StatusDeclined  = "declined"
	StatusCancelled = "cancelled"
)

// Registration statuses.
const (
	Registered = "registered"
	Waitlisted = "waitlisted"
	Withdrawn  = "cancelled"
)

// Domain holds what the booking rules need from the rest of the program.
type Domain struct {
	Town  *town.Store
	Clock clock.Clock // "now" for deadlines, reminders and cancellations; nil is clock.Real
}

func (d *Domain) now() time.Time { return clock.Or(d.Clock).Now() }

func (d *Domain) loc() *time.Location { return d.Town.Get().Location }

// Register applies the booking rules to changes made outside the site, by
// the clerk in the admin UI: a reservation moved or re-approved is checked
// for overlaps, a registration created there gets the signup rules (ages,
// fee, places), and a registration cancelled, or a session given more
// places, promotes people from the waitlist.
func Register(app core.App, d *Domain) {
	app.OnRecordUpdate(Reservations).BindFunc(d.checkClerkChange)
	app.OnRecordCreate(Reservations).BindFunc(d.checkClerkChange)
	app.OnRecordCreate(Registrations).BindFunc(d.registrationCreated)
	app.OnRecordUpdate(Registrations).BindFunc(d.registrationChanged)
	app.OnRecordAfterDeleteSuccess(Registrations).BindFunc(d.registrationDeleted)
	app.OnRecordUpdate(Sessions).BindFunc(d.sessionChanged)
}

// dbTime is how PocketBase stores a date: UTC text that sorts as time.
func dbTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }
