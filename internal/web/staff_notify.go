package web

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests/desk"
)

// staffNotifyData is the desk's notification choice: an email at once for
// each piece of work, or the staff digest.
type staffNotifyData struct {
	Form    *Form
	Choices []string
}

// staffNotify shows how the person on the desk is told of their work.
func (h *Handler) staffNotify(e *core.RequestEvent, lang string, s *desk.Staff) error {
	choice, err := s.Notify(e.App)
	if err != nil {
		return h.fail(e, lang, err)
	}
	return h.renderStaffNotify(e, lang, s, &Form{Values: map[string][]string{"notify": {choice}}}, http.StatusOK)
}

// staffNotifyPost stores the choice; the clerk's emails follow the page's
// language.
func (h *Handler) staffNotifyPost(e *core.RequestEvent, lang string, s *desk.Staff) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	err := s.SetNotify(e.App, f.Get("notify"), lang)
	if errors.Is(err, desk.ErrBadNotify) {
		h.fieldError(f, lang, "notify", "desk.notify.error", nil)
		return h.renderStaffNotify(e, lang, s, f, http.StatusUnprocessableEntity)
	} else if err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "desk.notify.saved")
	return redirect(e, "/"+lang+"/staff/notifications")
}

func (h *Handler) renderStaffNotify(e *core.RequestEvent, lang string, s *desk.Staff, f *Form, status int) error {
	v := h.staffView(e, lang, "/staff/notifications", h.bundle.T(lang, "desk.notify.title", nil), s)
	v.Data = &staffNotifyData{Form: f, Choices: []string{desk.NotifyAtOnce, desk.NotifyDigest}}
	return h.render(e, status, "staff_notify", v)
}
