package web

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/town"
)

type bookingRow struct {
	*booking.Booking
	When, Fee, Deadline string
}

type placeRow struct {
	*booking.Place
	Dates, Fee string
}

type mineData struct {
	Bookings []bookingRow
	Places   []placeRow
	Members  []booking.Member
	FeedURL  string       // https address of the private feed
	Webcal   template.URL // the same as webcal://, which calendar apps subscribe to
	Form     *Form
	Pay      bool // fees may be paid online
}

// mine lists the resident's bookings and registrations, with their private
// calendar feed.
func (b *bookingPages) mine(e *core.RequestEvent, lang string) error {
	bookings, places, err := b.d.Mine(e.App, e.Auth.Id, lang)
	if err != nil {
		return b.fail(e, lang, err)
	}
	d := mineData{Form: &Form{}, Pay: b.payOnline(e.App)}
	for _, bk := range bookings {
		d.Bookings = append(d.Bookings, b.bookingRow(lang, bk))
	}
	for _, p := range places {
		d.Places = append(d.Places, placeRow{Place: p, Fee: money(p.Fee),
			Dates: b.dayText(lang, p.Session.FirstDay) + " – " + b.dayText(lang, p.Session.LastDay)})
	}
	if d.Members, err = booking.Household(e.App, e.Auth.Id); err != nil {
		return b.fail(e, lang, err)
	}
	tok, err := booking.FeedToken(e.App, e.Auth)
	if err != nil {
		return b.fail(e, lang, err)
	}
	d.FeedURL = town.AbsURL(e.App, "/"+lang+"/calendar/private/"+tok+".ics")
	d.Webcal = webcal(d.FeedURL)
	return b.renderPage(e, lang, "/reservations", "booking.mine.title", "booking_mine", d, http.StatusOK)
}

func (b *bookingPages) bookingRow(lang string, bk *booking.Booking) bookingRow {
	return bookingRow{Booking: bk, When: b.spanText(lang, bk.Start, bk.End), Fee: money(bk.Fee),
		Deadline: b.dayText(lang, booking.DateOf(bk.Deadline.In(b.loc()))) + ", " + b.clockText(lang, bk.Deadline, false)}
}

// reservation shows one of the resident's bookings.
func (b *bookingPages) reservation(e *core.RequestEvent, lang string) error {
	bk, err := b.myBooking(e, lang)
	if bk == nil {
		return err
	}
	return b.renderReservation(e, lang, b.bookingRow(lang, bk), &Form{}, http.StatusOK)
}

// myBooking is the signed-in resident's booking named in the path. When it
// returns nil, the page (not found, or the error page) is already written
// and the error is the handler's to return.
func (b *bookingPages) myBooking(e *core.RequestEvent, lang string) (*booking.Booking, error) {
	r, err := b.d.Reservation(e.App, e.Auth.Id, e.Request.PathValue("id"))
	if err != nil {
		return nil, b.lookupError(e, lang, err)
	}
	bk, err := b.d.BookingFrom(e.App, r, lang)
	if err != nil {
		return nil, b.fail(e, lang, err)
	}
	return bk, nil
}

func (b *bookingPages) renderReservation(e *core.RequestEvent, lang string, row bookingRow, f *Form, status int) error {
	v := b.view(e, lang, "/reservations/"+row.ID)
	v.Title = b.bundle.T(lang, "booking.reservation.title", map[string]any{"Name": row.Facility.Name})
	v.NoIndex = true
	v.Data = struct {
		bookingRow
		Form     *Form
		Pay      bool   // fees may be paid online
		Refunded string // what was refunded, if anything
	}{row, f, b.payOnline(e.App), refundedText(row.Refunded)}
	return b.render(e, status, "booking_reservation", v)
}

// reservationFile is the booking's .ics, to add it to a calendar.
func (b *bookingPages) reservationFile(e *core.RequestEvent, lang string) error {
	r, err := b.d.Reservation(e.App, e.Auth.Id, e.Request.PathValue("id"))
	if err != nil {
		return b.lookupError(e, lang, err)
	}
	h := b.d.ReservationHappening(e.App, r, lang)
	cal := b.d.NewCalendar("", "PUBLISH")
	cal.Events = []booking.Event{b.d.Event(h, b.bundle.T(lang, "booking.ics.summary", map[string]any{"Name": h.Facility}),
		town.AbsURL(e.App, "/"+lang+"/reservations/"+r.Id))}
	return writeCalendar(e, cal, "reservation.ics", "private, no-store")
}

// cancel cancels the resident's booking, before the facility's deadline,
// once asked on its confirmation page (cancelConfirm).
func (b *bookingPages) cancel(e *core.RequestEvent, lang string) error {
	id := e.Request.PathValue("id")
	if !confirmed(e) {
		return redirect(e, "/"+lang+"/reservations/"+id+"/cancel")
	}
	_, err := b.d.Cancel(e.App, e.Auth.Id, id)
	switch {
	case errors.Is(err, booking.ErrNotFound):
		return b.notFound(e, lang)
	case err != nil:
		f := &Form{}
		if !b.ruleErrors(f, lang, err) {
			return b.fail(e, lang, err)
		}
		bk, err := b.myBooking(e, lang)
		if bk == nil {
			return err
		}
		return b.renderReservation(e, lang, b.bookingRow(lang, bk), f, http.StatusUnprocessableEntity)
	}
	flash(e, "booking.flash.cancelled")
	return redirect(e, "/"+lang+"/reservations/"+id)
}

// refundedText is a refund as shown, "" for none.
func refundedText(v float64) string {
	if v <= 0 {
		return ""
	}
	return money(v)
}

// resetFeed turns off the resident's old calendar-feed link.
func (b *bookingPages) resetFeed(e *core.RequestEvent, lang string) error {
	if err := booking.ResetFeed(e.App, e.Auth); err != nil {
		return b.fail(e, lang, err)
	}
	flash(e, "booking.flash.feed_reset")
	return redirect(e, "/"+lang+"/reservations#calendar-feed")
}

// withdraw cancels a household member's registration or waitlist spot,
// once asked on its confirmation page (withdrawConfirm).
func (b *bookingPages) withdraw(e *core.RequestEvent, lang string) error {
	if !confirmed(e) {
		return redirect(e, "/"+lang+"/registrations/"+e.Request.PathValue("id")+"/cancel")
	}
	_, err := b.d.Withdraw(e.App, e.Auth.Id, e.Request.PathValue("id"))
	if errors.Is(err, booking.ErrNotFound) {
		return b.notFound(e, lang)
	}
	if _, ok := booking.AsRuleError(err); err != nil && !ok {
		return b.fail(e, lang, err)
	}
	flash(e, "program.flash.withdrawn")
	return redirect(e, "/"+lang+"/reservations")
}
