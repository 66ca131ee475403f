package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/desk"
	"github.com/townhall/townhall/internal/town"
)

// staffAction applies one of the request screen's forms: change the status
// (with an optional public note), reply publicly or add an internal note,
// assign, or set the priority. A problem is shown beside its field.
func (h *Handler) staffAction(e *core.RequestEvent, lang string, s *desk.Staff) error {
	req, ok, err := h.staffFind(e, lang, s)
	if !ok {
		return err
	}
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	public := h.publicName(e.App, req)
	var field, done string
	switch f.Get("action") {
	case "status":
		field, done = "status", "desk.flash.status"
		err = s.SetStatus(e.App, req, f.Get("status"), f.Get("status_note"), public)
		if errors.Is(err, desk.ErrTooLong) || errors.Is(err, requests.ErrEmptyComment) {
			field = "status_note"
		}
	case "reply":
		field, done = "body", "desk.flash.reply"
		internal := f.Get("visibility") == "internal"
		if internal {
			done = "desk.flash.note"
		}
		err = s.Reply(e.App, req, f.Get("body"), internal, public)
	case "assign":
		field, done = "assignee", "desk.flash.assigned"
		err = s.Assign(e.App, req, f.Get("assignee"))
	case "priority":
		field, done = "priority", "desk.flash.priority"
		err = s.SetPriority(e.App, req, f.Get("priority"))
	default:
		field, done, err = h.staffEdit(e.App, lang, s, req, f)
		if errors.Is(err, errUnknownAction) {
			return h.errorPage(e, lang, http.StatusBadRequest)
		}
	}
	if err != nil {
		if v, ok := requests.AsValidation(err); ok {
			h.fromValidation(f, lang, &v.FieldErrors)
			return h.staffAgain(e, lang, s, req, f)
		}
		msg := actionError(err)
		if msg == "" {
			return h.fail(e, lang, err)
		}
		h.fieldError(f, lang, field, msg, map[string]any{"Max": desk.MaxBody})
		return h.staffAgain(e, lang, s, req, f)
	}
	flash(e, done)
	return redirect(e, "/"+lang+"/staff/requests/"+url.PathEscape(req.GetString("number")))
}

// staffAgain shows the request screen again, as stored, with the form as
// posted and its problems.
func (h *Handler) staffAgain(e *core.RequestEvent, lang string, s *desk.Staff, req *core.Record, f *Form) error {
	fresh, err := requests.ByNumber(e.App, req.GetString("number"))
	if err != nil {
		return h.fail(e, lang, err)
	}
	return h.renderStaffRequest(e, lang, s, fresh, f, http.StatusUnprocessableEntity)
}

// actionErrors are the problems a staff member can fix, with their
// message ids.
var actionErrors = []struct {
	err error
	msg string
}{
	{desk.ErrSameStatus, "desk.error.same_status"},
	{desk.ErrBadStatus, "desk.error.status"},
	{requests.ErrBadStatus, "desk.error.status"},
	{desk.ErrTooLong, "desk.error.too_long"},
	{requests.ErrEmptyComment, "desk.error.empty"},
	{desk.ErrBadPriority, "desk.error.priority"},
	{desk.ErrNotAssignable, "desk.error.assignee"},
	{desk.ErrNoSuchRequest, "desk.error.no_such_request"},
	{desk.ErrSelfDuplicate, "desk.error.self_duplicate"},
	{desk.ErrAlreadyDuplicate, "desk.error.already_duplicate"},
	{desk.ErrNothingAnswered, "desk.error.no_answers"},
	{desk.ErrBadTemplate, "desk.error.template"},
}

// actionError is the message id for a problem the staff member can fix, or
// "" for a failure.
func actionError(err error) string {
	for _, a := range actionErrors {
		if errors.Is(err, a.err) {
			return a.msg
		}
	}
	return ""
}

// publicName is how a public entry is signed: the request's department, in
// the town's language, not the staff member's own name.
func (h *Handler) publicName(app core.App, req *core.Record) string {
	t := h.town.Get()
	if dep, err := app.FindRecordById("departments", req.GetString("department")); err == nil {
		return town.DepartmentIn(dep, t.DefaultLanguage, t.DefaultLanguage).Name
	}
	return t.NameIn(t.DefaultLanguage)
}
