package web

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/requests/desk"
)

// staffBookingsData is the desk's bookings page: reservations waiting for
// the clerk, one day's bookings per facility, and the programs' sessions.
type staffBookingsData struct {
	Form     *Form
	Pending  []heldRow
	Day      string // 2006-01-02, for the day picker
	DayText  string
	Days     []facilityDayRow
	Sessions []sessionDeskRow
}

// heldRow is a reservation on the desk, its time in the town's zone.
type heldRow struct {
	*booking.Held
	When, Fee, Note string // Note: the form field of its decision note
}

type facilityDayRow struct {
	Name     string
	Bookings []heldRow
}

// sessionDeskRow is a program session with its places and waitlist.
type sessionDeskRow struct {
	ID, Program, Name, Dates string
	Taken, Capacity, Waiting int
}

// clerkOnly keeps a desk page to the clerk: bookings have no department.
func (h *Handler) clerkOnly(next staffHandler) staffHandler {
	return func(e *core.RequestEvent, lang string, s *desk.Staff) error {
		if !s.Clerk {
			return h.forbidden(e, lang)
		}
		return next(e, lang, s)
	}
}

// staffBookings shows the bookings page; ?day= picks the day shown.
func (h *Handler) staffBookings(e *core.RequestEvent, lang string, s *desk.Staff) error {
	f := &Form{Values: map[string][]string{"day": {e.Request.URL.Query().Get("day")}}}
	return h.renderStaffBookings(e, lang, s, f, http.StatusOK)
}

// staffDecide approves or declines a pending reservation with a note; the
// resident is emailed in their language by the booking hooks.
func (h *Handler) staffDecide(e *core.RequestEvent, lang string, s *desk.Staff) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	id := e.Request.PathValue("id")
	decision := f.Get("decision")
	if decision != "approve" && decision != "decline" {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	_, err := h.bookings.Decide(e.App, id, decision == "approve", f.Get("note_"+id))
	if errors.Is(err, booking.ErrNotFound) {
		return h.notFound(e, lang)
	}
	if re, ok := booking.AsRuleError(err); ok {
		for _, p := range re.Problems {
			h.fieldError(f, lang, "note_"+id, p.Message, p.Data)
		}
		return h.renderStaffBookings(e, lang, s, f, http.StatusUnprocessableEntity)
	} else if err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "desk.bookings.flash_"+decision)
	return redirect(e, "/"+lang+"/staff/bookings")
}

func (h *Handler) renderStaffBookings(e *core.RequestEvent, lang string, s *desk.Staff, f *Form, status int) error {
	b := &bookingPages{Handler: h, d: h.bookings}
	day, ok := booking.ParseDate(f.Get("day"))
	if !ok {
		day = h.bookings.Today()
	}
	d := &staffBookingsData{Form: f, Day: day.String(), DayText: b.dayText(lang, day)}
	pending, err := h.bookings.PendingReservations(e.App, lang)
	if err != nil {
		return h.fail(e, lang, err)
	}
	for _, p := range pending {
		d.Pending = append(d.Pending, b.heldRow(lang, p))
	}
	days, err := h.bookings.DayReservations(e.App, day, lang)
	if err != nil {
		return h.fail(e, lang, err)
	}
	for _, fd := range days {
		row := facilityDayRow{Name: fd.Facility.Name}
		for _, hb := range fd.Bookings {
			row.Bookings = append(row.Bookings, b.heldRow(lang, hb))
		}
		d.Days = append(d.Days, row)
	}
	if d.Sessions, err = b.deskSessions(e.App, lang); err != nil {
		return h.fail(e, lang, err)
	}
	v := h.staffView(e, lang, "/staff/bookings", h.bundle.T(lang, "desk.bookings.title", nil), s)
	v.Data = d
	return h.render(e, status, "staff_bookings", v)
}

func (b *bookingPages) heldRow(lang string, hb *booking.Held) heldRow {
	r := heldRow{Held: hb, When: b.spanText(lang, hb.Start, hb.End), Note: "note_" + hb.ID}
	if hb.Fee > 0 {
		r.Fee = money(hb.Fee)
	}
	return r
}

// deskSessions lists every active program's sessions with their counts.
func (b *bookingPages) deskSessions(app core.App, lang string) ([]sessionDeskRow, error) {
	ps, err := b.d.ListPrograms(app, lang)
	if err != nil {
		return nil, err
	}
	var out []sessionDeskRow
	for _, p := range ps {
		for _, s := range p.Sessions {
			out = append(out, sessionDeskRow{ID: s.ID, Program: p.Name, Name: s.Name, Taken: s.Taken, Capacity: s.Capacity,
				Waiting: s.Waiting, Dates: b.dayText(lang, s.FirstDay) + " – " + b.dayText(lang, s.LastDay)})
		}
	}
	return out, nil
}
