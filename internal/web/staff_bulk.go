package web

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/desk"
)

// bulkChoices fills in the bulk form's staff members and templates.
func (h *Handler) bulkChoices(app core.App, s *desk.Staff, d *queueData) error {
	staff, err := s.StaffMembers(app)
	if err != nil {
		return err
	}
	for _, u := range staff {
		d.Staff = append(d.Staff, option{u.Id, displayName(u)})
	}
	tpls, err := app.FindRecordsByFilter(requests.Templates, "status != ''", "name", 0, 0)
	if err != nil {
		return err
	}
	for _, t := range tpls {
		d.Templates = append(d.Templates, option{t.Id, t.GetString("name")})
	}
	return nil
}

// staffBulk applies one action to the requests chosen in the queue: assign
// them, change their status (with a template's reply, each in its
// resident's language), or close them as duplicates of one number. All
// change, or none, and a refusal names the request and shows beside its
// field.
func (h *Handler) staffBulk(e *core.RequestEvent, lang string, s *desk.Staff) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	numbers := f.Values["number"]
	var field string
	var do func(tx core.App, req *core.Record) error
	switch f.Get("bulk") {
	case "assign":
		field = "bulk_assignee"
		do = func(tx core.App, req *core.Record) error { return s.Assign(tx, req, f.Get("bulk_assignee")) }
	case "status":
		field, do = "bulk_status", h.bulkStatus(s, f)
	case "duplicate":
		field = "bulk_duplicate"
		do = func(tx core.App, req *core.Record) error { return h.markDuplicate(tx, s, req, f.Get("bulk_duplicate")) }
	default:
		h.fieldError(f, lang, "bulk", "desk.error.bulk_action", nil)
		return h.renderQueue(e, lang, s, f)
	}
	err := s.Bulk(e.App, numbers, do)
	if err == nil {
		flash(e, "desk.flash.bulk")
		q := e.Request.URL.RawQuery
		if q != "" {
			q = "?" + q
		}
		return redirect(e, "/"+lang+"/staff"+q)
	}
	if errors.Is(err, desk.ErrNoneChosen) {
		h.fieldError(f, lang, "number", "desk.error.none_chosen", nil)
		return h.renderQueue(e, lang, s, f)
	}
	var be *desk.BulkError
	msg := actionError(err)
	if !errors.As(err, &be) || msg == "" {
		return h.fail(e, lang, err)
	}
	f.Errors = append(f.Errors, FormError{Field: field, ID: fieldID(field),
		Message: h.bundle.T(lang, "desk.error.bulk", map[string]any{"Number": be.Number}) + " " + h.bundle.T(lang, msg, map[string]any{"Max": desk.MaxBody})})
	return h.renderQueue(e, lang, s, f)
}

// bulkStatus changes each request's status, with the chosen template's
// reply in its resident's language as the public note.
func (h *Handler) bulkStatus(s *desk.Staff, f *Form) func(tx core.App, req *core.Record) error {
	return func(tx core.App, req *core.Record) error {
		note := ""
		if id := f.Get("bulk_template"); id != "" {
			tpl, err := tx.FindRecordById(requests.Templates, id)
			if err != nil {
				return desk.ErrBadTemplate
			}
			note = h.reqs.FillTemplate(tx, tpl, req, requests.ResidentLanguage(tx, req))
		}
		err := s.SetStatus(tx, req, f.Get("bulk_status"), note, h.publicName(tx, req))
		if errors.Is(err, desk.ErrSameStatus) {
			return nil // already there: nothing to do
		}
		return err
	}
}
