package web

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
)

type reserveData struct {
	Form   *Form
	F      *booking.Facility
	Fee    string
	Length string
	Cancel string
	Hours  []hoursRow
	Back   string
}

// reserveForm shows the booking form, filled in from the availability
// table's link.
func (b *bookingPages) reserveForm(e *core.RequestEvent, lang string) error {
	q := e.Request.URL.Query()
	f := &Form{Values: map[string][]string{"date": {q.Get("date")}, "start": {q.Get("start")}, "end": {q.Get("end")}}}
	return b.renderReserve(e, lang, f, http.StatusOK)
}

// reserve books the facility, or shows the form again with every reason it
// could not, keeping what was typed.
func (b *bookingPages) reserve(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return b.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	give, ok := b.limit(e, limitReserve, limitReserveBy, e.Auth.Id)
	if !ok {
		return b.refuseForm(e, lang, f, func(f *Form) error { return b.renderReserve(e, lang, f, http.StatusTooManyRequests) })
	}
	rec, err := b.d.Reserve(e.App, booking.Input{
		Facility: e.Request.PathValue("slug"), ResidentID: e.Auth.Id, Language: lang,
		Date: f.Get("date"), Start: f.Get("start"), End: f.Get("end"),
		Purpose: f.Get("purpose"), Attendees: f.Get("attendees"), Public: f.Get("public") == "on",
	})
	if err != nil {
		return b.bookingFailed(e, lang, f, err, give, b.renderReserve)
	}
	if rec.GetString("status") == booking.StatusApproved {
		flash(e, "booking.flash.confirmed")
	} else {
		flash(e, "booking.flash.requested")
	}
	return redirect(e, "/"+lang+"/reservations/"+rec.Id)
}

// bookingFailed answers a booking form post that err refused: the
// limiter's tokens are given back (give), and the form is shown again by
// render with every rule the post broke, or the not-found or failure page.
func (b *bookingPages) bookingFailed(e *core.RequestEvent, lang string, f *Form, err error, give func(),
	render func(e *core.RequestEvent, lang string, f *Form, status int) error) error {
	give()
	switch {
	case errors.Is(err, booking.ErrNotFound):
		return b.notFound(e, lang)
	case b.ruleErrors(f, lang, err):
		return render(e, lang, f, http.StatusUnprocessableEntity)
	}
	return b.fail(e, lang, err)
}

func (b *bookingPages) renderReserve(e *core.RequestEvent, lang string, f *Form, status int) error {
	fac, err := b.d.FacilityBySlug(e.App, e.Request.PathValue("slug"), lang)
	if err != nil {
		return b.lookupError(e, lang, err)
	}
	d := reserveData{Form: f, F: fac, Fee: money(fac.Fee), Length: b.lengthText(lang, fac), Cancel: b.cancelText(lang, fac), Back: "/" + lang + "/book/" + fac.Slug}
	if day, ok := booking.ParseDate(f.Get("date")); ok {
		d.Back += "?day=" + day.String()
	}
	d.Hours = b.weekHours(lang, fac)
	title := b.bundle.T(lang, "booking.reserve.title", map[string]any{"Name": fac.Name})
	return b.renderNoIndex(e, lang, "/book/"+fac.Slug+"/reserve", title, "booking_reserve", d, status)
}
