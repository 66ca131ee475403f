package booking

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Held is a reservation as the clerk sees it on the staff desk: the
// booking and who holds it (empty for a booking taken without an account).
type Held struct {
	*Booking
	Resident, Email, Phone, Language string
}

// FacilityDay is one facility's bookings on one day.
type FacilityDay struct {
	Facility *Facility
	Bookings []*Held
}

// deskLimit bounds a desk list: a small town has a few dozen at most.
const deskLimit = 500

// PendingReservations are the reservations waiting for the clerk's
// decision that have not ended, soonest first.
func (d *Domain) PendingReservations(app core.App, lang string) ([]*Held, error) {
	recs, err := app.FindRecordsByFilter(Reservations, "status = 'pending' && ends > {:now}", "starts", deskLimit, 0,
		dbx.Params{"now": dbTime(d.now())})
	if err != nil {
		return nil, fmt.Errorf("list pending reservations: %w", err)
	}
	return d.held(app, recs, lang)
}

// DayReservations lists each active facility's approved and pending
// reservations on day, in the town's time zone, earliest first.
func (d *Domain) DayReservations(app core.App, day Date, lang string) ([]*FacilityDay, error) {
	from, to := day.Span(d.loc())
	fs, err := d.ListFacilities(app, lang)
	if err != nil {
		return nil, err
	}
	out := make([]*FacilityDay, 0, len(fs))
	for _, f := range fs {
		recs, err := app.FindRecordsByFilter(Reservations,
			"facility = {:f} && (status = 'pending' || status = 'approved') && starts < {:to} && ends > {:from}",
			"starts", deskLimit, 0, dbx.Params{"f": f.ID, "from": dbTime(from), "to": dbTime(to)})
		if err != nil {
			return nil, fmt.Errorf("list bookings of %s: %w", f.Slug, err)
		}
		hs, err := d.held(app, recs, lang)
		if err != nil {
			return nil, err
		}
		out = append(out, &FacilityDay{Facility: f, Bookings: hs})
	}
	return out, nil
}

// held reads reservations for the desk with their facilities and
// residents, each read once.
func (d *Domain) held(app core.App, recs []*core.Record, lang string) ([]*Held, error) {
	facilities, users := map[string]*Facility{}, map[string]*core.Record{}
	var ids []string
	for _, r := range recs {
		if id := r.GetString("resident"); id != "" {
			ids = append(ids, id)
		}
	}
	us, err := app.FindRecordsByIds("users", ids)
	if err != nil {
		return nil, fmt.Errorf("find residents: %w", err)
	}
	for _, u := range us {
		users[u.Id] = u
	}
	out := make([]*Held, 0, len(recs))
	for _, r := range recs {
		f := facilities[r.GetString("facility")]
		if f == nil {
			if f, err = d.facilityByID(app, r.GetString("facility"), lang); err != nil {
				return nil, err
			}
			facilities[f.ID] = f
		}
		h := &Held{Booking: d.bookingOf(f, r), Language: r.GetString("language")}
		if u := users[r.GetString("resident")]; u != nil {
			h.Resident, h.Email, h.Phone = u.GetString("name"), u.Email(), u.GetString("phone")
			if l := u.GetString("language"); l != "" {
				h.Language = l
			}
		}
		out = append(out, h)
	}
	return out, nil
}

// Today is the date in the town now.
func (d *Domain) Today() Date { return DateOf(d.now().In(d.loc())) }
