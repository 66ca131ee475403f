package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/desk"
)

// staffNewData is the desk's phone and walk-in entry: the service to
// choose, then the service's own form with the caller's details.
type staffNewData struct {
	Services  []option // by code
	Service   *requests.Service
	Languages []string
	Channels  []string
	Form      *Form
}

var entryChannels = []string{requests.ChannelPhone, requests.ChannelWalkIn}

// staffNew shows the entry form: the service picker, and once a service is
// chosen (a GET, so no JavaScript is needed), its questions.
func (h *Handler) staffNew(e *core.RequestEvent, lang string, s *desk.Staff) error {
	f := &Form{Values: map[string][]string{"channel": {requests.ChannelPhone}, "language": {lang}}}
	return h.renderStaffNew(e, lang, s, f, http.StatusOK)
}

// staffNewPost files the request through requests.Submit, with the same
// checks as the public form; the caller gets the confirmation in their
// language when they gave an email (notify sends it, as for the site).
func (h *Handler) staffNewPost(e *core.RequestEvent, lang string, s *desk.Staff) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: formValues(e.Request)}
	svc := h.entryService(e, lang, s)
	if svc == nil {
		h.fieldError(f, lang, "service", "desk.error.service", nil)
		return h.renderStaffNew(e, lang, s, f, http.StatusUnprocessableEntity)
	}
	in := h.input(e, lang, svc, f)
	in.ReporterID, in.ContactEmail = "", strings.TrimSpace(f.Get("contact_email"))
	in.Channel, in.Language = f.Get("channel"), f.Get("language")
	if !slices.Contains(entryChannels, in.Channel) {
		h.fieldError(f, lang, "channel", "desk.error.channel", nil)
	}
	if !h.town.Get().Offers(in.Language) {
		h.fieldError(f, lang, "language", "desk.error.language", nil)
	}
	var rec *core.Record
	var err error
	if len(f.Errors) > 0 {
		in.Channel = requests.ChannelPhone // check the rest, store nothing
		_, err = h.reqs.Check(e.App, in)
	} else {
		rec, err = h.reqs.Submit(e.App, in)
	}
	if v, ok := requests.AsValidation(err); ok {
		h.fromValidation(f, lang, &v.FieldErrors)
	} else if err != nil && len(f.Errors) == 0 {
		return h.fail(e, lang, err)
	}
	if len(f.Errors) > 0 {
		return h.renderStaffNew(e, lang, s, f, http.StatusUnprocessableEntity)
	}
	flash(e, "desk.flash.created")
	return redirect(e, "/"+lang+"/staff/requests/"+url.PathEscape(rec.GetString("number")))
}

// entryService is the service chosen, if it takes requests and s works
// for its department.
func (h *Handler) entryService(e *core.RequestEvent, lang string, s *desk.Staff) *requests.Service {
	code := e.Request.URL.Query().Get("service")
	if code == "" {
		return nil
	}
	svc, err := requests.ServiceByCode(e.App, code, lang, h.town.Get().DefaultLanguage)
	if err != nil || (!s.Clerk && !slices.Contains(s.Departments, svc.DepartmentID)) {
		return nil
	}
	return svc
}

func (h *Handler) renderStaffNew(e *core.RequestEvent, lang string, s *desk.Staff, f *Form, status int) error {
	all, err := requests.Services(e.App, lang, h.town.Get().DefaultLanguage)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := &staffNewData{Form: f, Languages: h.town.Get().Languages, Channels: entryChannels}
	for _, svc := range all {
		if s.Clerk || slices.Contains(s.Departments, svc.DepartmentID) {
			d.Services = append(d.Services, option{svc.Code, svc.Name})
		}
	}
	d.Service = h.entryService(e, lang, s)
	if d.Service == nil && e.Request.URL.Query().Get("service") != "" && len(f.Errors) == 0 {
		h.fieldError(f, lang, "service", "desk.error.service", nil)
		status = http.StatusUnprocessableEntity
	}
	if d.Service != nil {
		f.Values["service"] = []string{d.Service.Code}
	}
	v := h.staffView(e, lang, "/staff/new", h.bundle.T(lang, "desk.new.title", nil), s)
	v.Data = d
	return h.render(e, status, "staff_new", v)
}
