package web

import (
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
)

type sessionRow struct {
	*booking.Session
	Dates, Times, Ages, Fee, Window string
	Open                            bool
	Register                        string // link to the form, while registration is open
}

type programData struct {
	P        *booking.Program
	Sessions []sessionRow
}

type registerData struct {
	Form    *Form
	P       *booking.Program
	S       sessionRow
	Members []booking.Member
}

// program shows a program's sessions with their places left.
func (b *bookingPages) program(e *core.RequestEvent, lang string) error {
	p, err := b.d.ProgramBySlug(e.App, e.Request.PathValue("slug"), lang)
	if err != nil {
		return b.lookupError(e, lang, err)
	}
	d := programData{P: p}
	for _, s := range p.Sessions {
		d.Sessions = append(d.Sessions, b.sessionRow(lang, p, s))
	}
	v := b.view(e, lang, "/programs/"+p.Slug)
	v.Title = p.Name
	v.Description = p.Description
	v.Data = d
	return b.render(e, http.StatusOK, "booking_program", v)
}

func (b *bookingPages) sessionRow(lang string, p *booking.Program, s *booking.Session) sessionRow {
	loc := b.loc()
	r := sessionRow{Session: s, Fee: money(s.Fee), Open: s.Open(b.now()),
		Dates: b.dayText(lang, s.FirstDay) + " – " + b.dayText(lang, s.LastDay),
		Ages:  b.bundle.T(lang, "program.ages", map[string]any{"Min": s.MinAge, "Max": s.MaxAge}),
		Window: b.dayText(lang, booking.DateOf(s.Opens.In(loc))) + " – " +
			b.dayText(lang, booking.DateOf(s.Closes.Add(-time.Minute).In(loc))),
	}
	var days []string
	for _, wd := range s.Weekdays {
		days = append(days, b.bundle.Weekday(lang, wd))
	}
	r.Times = strings.Join(days, ", ") + ", " + formatClock(b.bundle, lang, s.StartTime.String()) + "–" + formatClock(b.bundle, lang, s.EndTime.String())
	if r.Open {
		r.Register = "/" + lang + "/programs/" + p.Slug + "/register?session=" + s.ID
	}
	return r
}

// registerForm lets the resident choose household members for a session.
func (b *bookingPages) registerForm(e *core.RequestEvent, lang string) error {
	f := &Form{Values: map[string][]string{"session": {e.Request.URL.Query().Get("session")}}}
	return b.renderRegister(e, lang, f, http.StatusOK)
}

// register signs the chosen members up: a place each while places last,
// then the waitlist.
func (b *bookingPages) register(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return b.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	if _, err := b.programSession(e, lang, f.Get("session")); err != nil {
		return b.lookupError(e, lang, err)
	}
	give, ok := b.limit(e, limitRegister, limitRegisterBy, e.Auth.Id)
	if !ok {
		return b.refuseForm(e, lang, f, func(f *Form) error { return b.renderRegister(e, lang, f, http.StatusTooManyRequests) })
	}
	regs, err := b.d.RegisterMembers(e.App, booking.Signup{SessionID: f.Get("session"), ResidentID: e.Auth.Id, Language: lang,
		MemberIDs: f.Values["members"], NewName: f.Get("new_name"), NewBirthdate: f.Get("new_birthdate")})
	if err != nil {
		return b.bookingFailed(e, lang, f, err, give, b.renderRegister)
	}
	flash(e, "program.flash.registered")
	for _, r := range regs {
		if r.GetString("status") == booking.Waitlisted {
			flash(e, "program.flash.waitlisted")
		}
	}
	return redirect(e, "/"+lang+"/reservations")
}

func (b *bookingPages) programSession(e *core.RequestEvent, lang, sessionID string) (*booking.Program, error) {
	p, err := b.d.ProgramBySlug(e.App, e.Request.PathValue("slug"), lang)
	if err != nil {
		return nil, err
	}
	for _, s := range p.Sessions {
		if s.ID == sessionID {
			return p, nil
		}
	}
	return nil, booking.ErrNotFound
}

// lookupError answers a failed look-up: not found for what does not
// exist (booking.ErrNotFound), else the error page.
func (b *bookingPages) lookupError(e *core.RequestEvent, lang string, err error) error {
	if errors.Is(err, booking.ErrNotFound) {
		return b.notFound(e, lang)
	}
	return b.fail(e, lang, err)
}

func (b *bookingPages) renderRegister(e *core.RequestEvent, lang string, f *Form, status int) error {
	p, err := b.programSession(e, lang, f.Get("session"))
	if err != nil {
		return b.lookupError(e, lang, err)
	}
	d := registerData{Form: f, P: p}
	for _, s := range p.Sessions {
		if s.ID == f.Get("session") {
			d.S = b.sessionRow(lang, p, s)
		}
	}
	if d.Members, err = booking.Household(e.App, e.Auth.Id); err != nil {
		return b.fail(e, lang, err)
	}
	title := b.bundle.T(lang, "program.register_title", map[string]any{"Name": p.Name})
	return b.renderNoIndex(e, lang, "/programs/"+p.Slug+"/register", title, "booking_register", d, status)
}
