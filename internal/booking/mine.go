package booking

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Booking is a reservation as its resident sees it.
type Booking struct {
	ID        string
	Facility  *Facility
	Start     time.Time
	End       time.Time
	Status    string
	Purpose   string
	Attendees int
	Fee       float64
	Paid      bool
	Refunded  float64 // dollars given back after a cancellation
	Public    bool
	Note      string    // the clerk's decision note
	CanCancel bool      // the resident may still cancel online
	Deadline  time.Time // until when
}

// BookingFrom reads a reservation for its resident, in lang.
func (d *Domain) BookingFrom(app core.App, r *core.Record, lang string) (*Booking, error) {
	f, err := d.facilityByID(app, r.GetString("facility"), lang)
	if err != nil {
		return nil, err
	}
	return d.bookingOf(f, r), nil
}

// bookingOf is reservation r of facility f.
func (d *Domain) bookingOf(f *Facility, r *core.Record) *Booking {
	return &Booking{
		ID: r.Id, Facility: f, Start: r.GetDateTime("starts").Time(), End: r.GetDateTime("ends").Time(),
		Status: r.GetString("status"), Purpose: r.GetString("purpose"), Attendees: r.GetInt("attendees"),
		Fee: r.GetFloat("fee"), Paid: r.GetBool("paid"), Refunded: r.GetFloat("refunded"), Public: r.GetBool("public"), Note: r.GetString("decision_note"),
		CanCancel: d.CanCancel(f, r), Deadline: d.CancelDeadline(f, r),
	}
}

// Place is a household member's registration as the resident sees it.
type Place struct {
	ID       string
	Member   string
	Program  string
	Session  *Session
	Status   string
	Position int // on the waitlist, from 1
	Fee      float64
	Paid     bool
}

// Mine lists a resident's reservations (newest first) and registrations.
func (d *Domain) Mine(app core.App, residentID, lang string) ([]*Booking, []*Place, error) {
	recs, err := app.FindRecordsByFilter(Reservations, "resident = {:r}", "-starts", 200, 0, dbx.Params{"r": residentID})
	if err != nil {
		return nil, nil, fmt.Errorf("list reservations: %w", err)
	}
	var bookings []*Booking
	for _, r := range recs {
		b, err := d.BookingFrom(app, r, lang)
		if err != nil {
			return nil, nil, err
		}
		bookings = append(bookings, b)
	}
	regs, err := app.FindRecordsByFilter(Registrations, "resident = {:r} && status != 'cancelled'", "created", 200, 0, dbx.Params{"r": residentID})
	if err != nil {
		return nil, nil, fmt.Errorf("list registrations: %w", err)
	}
	var places []*Place
	for _, r := range regs {
		p, err := d.placeFrom(app, r, lang)
		if err != nil {
			continue // a session or member the clerk removed
		}
		places = append(places, p)
	}
	return bookings, places, nil
}

func (d *Domain) placeFrom(app core.App, r *core.Record, lang string) (*Place, error) {
	sr, err := app.FindRecordById(Sessions, r.GetString("session"))
	if err != nil {
		return nil, err
	}
	pr, err := app.FindRecordById(Programs, sr.GetString("program"))
	if err != nil {
		return nil, err
	}
	m, err := app.FindRecordById(Members, r.GetString("member"))
	if err != nil {
		return nil, err
	}
	p := &Place{ID: r.Id, Member: m.GetString("name"), Program: d.text(pr, "name", lang), Session: d.sessionFrom(sr, lang),
		Status: r.GetString("status"), Fee: r.GetFloat("fee"), Paid: r.GetBool("paid")}
	if p.Status == Waitlisted {
		err = app.DB().NewQuery(`SELECT count(*) FROM registrations WHERE session = {:s} AND status = 'waitlisted'
			AND (created < {:c} OR (created = {:c} AND id <= {:id}))`).
			Bind(dbx.Params{"s": sr.Id, "c": r.GetString("created"), "id": r.Id}).Row(&p.Position)
	}
	return p, err
}
