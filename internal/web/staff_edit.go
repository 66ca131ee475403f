package web

import (
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/desk"
	"github.com/townhall/townhall/internal/town"
)

// staffExtras fills in the request screen's publishing, duplicate, missing
// answers and reply templates.
func (h *Handler) staffExtras(app core.App, lang string, req *core.Record, svc *requests.Service, d *staffRequestData) error {
	d.PublicDescription, d.Withheld = requests.PublicDescription(req)
	d.PublicAddress = requests.PublicAddress(req)
	if id := req.GetString("duplicate_of"); id != "" {
		if o, err := app.FindRecordById("requests", id); err == nil {
			d.DuplicateOf = o.GetString("number")
		}
	}
	missing, err := desk.Missing(req, svc)
	if err != nil {
		return err
	}
	d.Missing = missing
	tpls, err := requests.TemplatesFor(app, req)
	if err != nil {
		return err
	}
	for _, t := range tpls {
		d.Templates = append(d.Templates, option{t.Id, t.GetString("name")})
	}
	d.ResidentLanguage = requests.ResidentLanguage(app, req)
	return nil
}

// useTemplate fills the reply, in the resident's language, from the
// template id: a template with a status fills the status form, one without
// fills the public reply. It works without JavaScript: the picker is a GET
// form that shows the screen again with the text in place.
func (h *Handler) useTemplate(app core.App, lang string, req *core.Record, id string, f *Form) {
	tpl, err := app.FindRecordById(requests.Templates, id)
	if err != nil || (tpl.GetString("service") != "" && tpl.GetString("service") != req.GetString("service")) {
		h.fieldError(f, lang, "template", "desk.error.template", nil)
		return
	}
	rl := requests.ResidentLanguage(app, req)
	text := h.reqs.FillTemplate(app, tpl, req, rl)
	f.Values["template"] = []string{id}
	if st := tpl.GetString("status"); st != "" {
		f.Values["status"], f.Values["status_note"] = []string{st}, []string{text}
	} else {
		f.Values["body"] = []string{text}
	}
	f.Notice = h.bundle.T(lang, "desk.template.filled", map[string]any{"Name": tpl.GetString("name"), "Language": h.bundle.T(rl, "language.name", nil)})
}

// staffEdit applies the request screen's other forms: publishing, marking
// a duplicate, filling in missing answers. field is where a problem shows.
func (h *Handler) staffEdit(app core.App, lang string, s *desk.Staff, req *core.Record, f *Form) (field, done string, err error) {
	switch f.Get("action") {
	case "publish":
		p := desk.Publication{Public: f.Get("public") == "on", Description: f.Get("published_description"), Address: f.Get("published_address")}
		msg := "desk.note.unpublished"
		if p.Public {
			msg = "desk.note.published"
		}
		return "published_description", "desk.flash.published", s.Publish(app, req, p, h.bundle.T(lang, msg, nil))
	case "duplicate":
		return "duplicate_of", "desk.flash.duplicate", h.markDuplicate(app, s, req, f.Get("duplicate_of"))
	case "answers":
		svc, err := h.requestService(app, lang, req)
		if err != nil {
			return "", "", err
		}
		posted := map[string][]string{}
		for _, a := range svc.Attributes {
			posted[a.Code] = f.Values["attr."+a.Code]
		}
		return "answers", "desk.flash.answers", s.FillAnswers(app, req, svc, posted, h.bundle.T(lang, "desk.note.answers", nil))
	}
	return "", "", errUnknownAction
}

var errUnknownAction = errors.New("unknown desk action")

// markDuplicate closes req as a duplicate of number, telling its reporter
// in their language which request it repeats, with its link.
func (h *Handler) markDuplicate(app core.App, s *desk.Staff, req *core.Record, number string) error {
	rl := requests.ResidentLanguage(app, req)
	if !h.town.Get().Offers(rl) {
		rl = h.town.Get().DefaultLanguage
	}
	note := h.bundle.T(rl, "desk.duplicate.note", map[string]any{"Number": number,
		"Address": town.AbsURL(app, "/"+rl+"/requests/"+number)})
	return s.MarkDuplicate(app, req, number, note, h.publicName(app, req))
}

// requestService is req's service, in lang.
func (h *Handler) requestService(app core.App, lang string, req *core.Record) (*requests.Service, error) {
	rec, err := app.FindRecordById("services", req.GetString("service"))
	if err != nil {
		return nil, fmt.Errorf("service of %s: %w", req.GetString("number"), err)
	}
	return requests.ServiceIn(rec, lang, h.town.Get().DefaultLanguage)
}
