package web

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/requests/desk"
)

// staffRosterData is a session's roster, its waitlist and the walk-in
// registration form.
type staffRosterData struct {
	Form                 *Form
	R                    *booking.Roster
	S                    sessionRow
	Languages            []string
	Registered, Waitlist []rosterRow
}

// rosterRow is a member on the roster, with the fee as residents read it.
type rosterRow struct {
	booking.RosterEntry
	FeeText string
}

func rosterRows(es []booking.RosterEntry) []rosterRow {
	out := make([]rosterRow, len(es))
	for i, e := range es {
		out[i] = rosterRow{RosterEntry: e}
		if e.Fee > 0 {
			out[i].FeeText = money(e.Fee)
		}
	}
	return out
}

// staffRoster shows a session's roster and waitlist.
func (h *Handler) staffRoster(e *core.RequestEvent, lang string, s *desk.Staff) error {
	f := &Form{Values: map[string][]string{"language": {lang}}}
	return h.renderStaffRoster(e, lang, s, f, http.StatusOK)
}

// staffWalkIn registers a child at the counter under the site's rules;
// their parent is emailed in the language chosen, as from the site.
func (h *Handler) staffWalkIn(e *core.RequestEvent, lang string, s *desk.Staff) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	if !h.town.Get().Offers(f.Get("language")) {
		h.fieldError(f, lang, "language", "desk.error.language", nil)
		return h.renderStaffRoster(e, lang, s, f, http.StatusUnprocessableEntity)
	}
	reg, err := h.bookings.RegisterWalkIn(e.App, booking.WalkIn{SessionID: e.Request.PathValue("id"), Language: f.Get("language"),
		Email: f.Get("email"), Name: f.Get("name"), Phone: f.Get("phone"),
		MemberName: f.Get("new_name"), MemberBirthdate: f.Get("new_birthdate")})
	if errors.Is(err, booking.ErrNotFound) {
		return h.notFound(e, lang)
	}
	if re, ok := booking.AsRuleError(err); ok {
		for _, p := range re.Problems {
			field := p.Field
			if field == "members" {
				field = "new_name" // the child's problems show at the child's name
			}
			h.fieldError(f, lang, field, p.Message, p.Data)
		}
		return h.renderStaffRoster(e, lang, s, f, http.StatusUnprocessableEntity)
	} else if err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "desk.roster.flash_"+reg.GetString("status"))
	return redirect(e, "/"+lang+"/staff/sessions/"+e.Request.PathValue("id"))
}

func (h *Handler) renderStaffRoster(e *core.RequestEvent, lang string, s *desk.Staff, f *Form, status int) error {
	ro, err := h.bookings.SessionRoster(e.App, e.Request.PathValue("id"), lang)
	if errors.Is(err, booking.ErrNotFound) {
		return h.notFound(e, lang)
	} else if err != nil {
		return h.fail(e, lang, err)
	}
	b := &bookingPages{Handler: h, d: h.bookings}
	d := &staffRosterData{Form: f, R: ro, Languages: h.town.Get().Languages,
		S: b.sessionRow(lang, &booking.Program{Name: ro.Program}, ro.Session), Registered: rosterRows(ro.Registered),
		Waitlist: rosterRows(ro.Waitlist)}
	v := h.staffView(e, lang, "/staff/sessions/"+ro.Session.ID, ro.Program+" – "+ro.Session.Name, s)
	v.Data = d
	return h.render(e, status, "staff_roster", v)
}
