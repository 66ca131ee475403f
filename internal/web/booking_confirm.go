package web

import (
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
)

// confirmData is a page that asks before doing what cannot be undone: it
// says what will happen, and its form posts the answer (no JavaScript).
type confirmData struct {
	Lead           string      // what will happen
	Summary        [][2]string // what it is about: label, value
	Action, Yes    string      // where the form posts; the button's words
	Back, BackText string      // the way out, changing nothing
}

// confirmed reports whether a cancel or withdraw post comes from its
// confirmation page; any other post is sent there to be asked first.
func confirmed(e *core.RequestEvent) bool { return e.Request.PostFormValue("confirm") == "yes" }

// cancelConfirm asks before cancelling one of the resident's bookings.
func (b *bookingPages) cancelConfirm(e *core.RequestEvent, lang string) error {
	bk, err := b.myBooking(e, lang)
	if bk == nil {
		return err
	}
	back := "/" + lang + "/reservations/" + bk.ID
	if !bk.CanCancel {
		return redirect(e, back)
	}
	row := b.bookingRow(lang, bk)
	d := confirmData{
		Lead: b.bundle.T(lang, "booking.cancel_confirm.lead", nil),
		Summary: [][2]string{{b.bundle.T(lang, "booking.facility", nil), bk.Facility.Name},
			{b.bundle.T(lang, "booking.when", nil), row.When}},
		Action: back + "/cancel", Yes: b.bundle.T(lang, "booking.cancel_confirm.yes", nil),
		Back: back, BackText: b.bundle.T(lang, "booking.cancel_confirm.no", nil),
	}
	return b.renderConfirm(e, lang, back+"/cancel", "booking.cancel_confirm.title", d)
}

// withdrawConfirm asks before giving up a place (or a waitlist spot) in a
// program: the place goes to the waitlist at once.
func (b *bookingPages) withdrawConfirm(e *core.RequestEvent, lang string) error {
	_, places, err := b.d.Mine(e.App, e.Auth.Id, lang)
	if err != nil {
		return b.fail(e, lang, err)
	}
	for _, p := range places {
		if p.ID != e.Request.PathValue("id") {
			continue
		}
		lead := "program.withdraw_confirm.lead_registered"
		if p.Status == booking.Waitlisted {
			lead = "program.withdraw_confirm.lead_waitlisted"
		}
		what := map[string]any{"Name": p.Member, "Service": p.Program + " – " + p.Session.Name}
		d := confirmData{
			Lead: b.bundle.T(lang, lead, what),
			Summary: [][2]string{{b.bundle.T(lang, "program.member", nil), p.Member},
				{b.bundle.T(lang, "program.session", nil), p.Program + " – " + p.Session.Name},
				{b.bundle.T(lang, "program.dates", nil), b.dayText(lang, p.Session.FirstDay) + " – " + b.dayText(lang, p.Session.LastDay)}},
			Action: "/" + lang + "/registrations/" + p.ID + "/cancel", Yes: b.bundle.T(lang, "program.withdraw_confirm.yes", nil),
			Back: "/" + lang + "/reservations", BackText: b.bundle.T(lang, "program.withdraw_confirm.no", nil),
		}
		return b.renderConfirm(e, lang, "/registrations/"+p.ID+"/cancel", "program.withdraw_confirm.title", d, what)
	}
	return b.notFound(e, lang)
}

func (b *bookingPages) renderConfirm(e *core.RequestEvent, lang, path, titleID string, d confirmData, title ...map[string]any) error {
	v := b.view(e, lang, path)
	var data map[string]any
	if len(title) > 0 {
		data = title[0]
	}
	v.Title = b.bundle.T(lang, titleID, data)
	v.NoIndex = true
	v.Data = d
	return b.render(e, http.StatusOK, "confirm", v)
}
