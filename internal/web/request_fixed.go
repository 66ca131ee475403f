package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// fixedData is the "is it fixed?" page reached from the resolved email.
type fixedData struct {
	Number, Service, Answer, Key string
	Answered                     string // the answer already given, if any
	Open, TooLate                bool
	Form                         *Form
}

// fixedRequest finds the request of a signed "is it fixed?" link.
func (h *Handler) fixedRequest(e *core.RequestEvent, key string) (*core.Record, bool) {
	number := e.Request.PathValue("number")
	if !requests.Verify(e.App, "fixed", number, key) {
		return nil, false
	}
	req, err := requests.ByNumber(e.App, number)
	return req, err == nil
}

// feedbackPage asks to confirm the answer with one button: the link in the
// email changes nothing by itself, since mail scanners open links.
func (h *Handler) feedbackPage(e *core.RequestEvent, lang string) error {
	q := e.Request.URL.Query()
	req, ok := h.fixedRequest(e, q.Get("key"))
	if !ok {
		return h.forbidden(e, lang)
	}
	answer := q.Get("answer")
	if answer != requests.FixedYes && answer != requests.FixedNo {
		answer = requests.FixedYes
	}
	return h.renderFixed(e, lang, req, answer, q.Get("key"), &Form{Values: url.Values{}}, http.StatusOK, q.Get("too_late") == "1")
}

// feedback records the answer, then shows the page again (now answered).
func (h *Handler) feedback(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	key, answer := e.Request.PostFormValue("key"), e.Request.PostFormValue("answer")
	req, ok := h.fixedRequest(e, key)
	if !ok {
		return h.forbidden(e, lang)
	}
	f := &Form{Values: e.Request.PostForm}
	body := strings.TrimSpace(e.Request.PostFormValue("body"))
	if answer != requests.FixedYes && answer != requests.FixedNo {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	if utf8.RuneCountInString(body) > requests.MaxComment {
		h.fieldError(f, lang, "body", "request.error.too_long", map[string]any{"Max": requests.MaxComment})
		return h.renderFixed(e, lang, req, answer, key, f, http.StatusUnprocessableEntity, false)
	}
	if body == "" {
		body = h.bundle.T(req.GetString("language"), "fixed.no_default", nil)
	}
	res, err := h.reqs.Feedback(e.App, req.GetString("number"), answer, body)
	if err != nil && !errors.Is(err, requests.ErrAnswered) {
		return h.fail(e, lang, err)
	}
	link := requests.FixedPath(e.App, lang, req.GetString("number"), answer)
	if res.TooLate {
		link += "&too_late=1"
	}
	return e.Redirect(http.StatusSeeOther, link)
}

func (h *Handler) renderFixed(e *core.RequestEvent, lang string, req *core.Record, answer, key string, f *Form, status int, tooLate bool) error {
	names, err := h.serviceNames(e.App, lang)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := &fixedData{Number: req.GetString("number"), Service: names[req.GetString("service")].Label, Answer: answer, Key: key,
		Answered: req.GetString("satisfaction"), Open: requests.IsOpen(req.GetString("status")), TooLate: tooLate, Form: f}
	v := h.view(e, lang, "/requests/"+d.Number+"/fixed")
	v.Title = h.bundle.T(lang, "fixed.title", map[string]any{"Number": d.Number})
	v.NoIndex = true
	v.Data = d
	// The signed key is private: never in another language's link.
	for i := range v.Alternates {
		v.Alternates[i].Href = requests.FixedPath(e.App, v.Alternates[i].Lang, d.Number, answer)
	}
	e.Response.Header().Set("Cache-Control", "no-store")
	return h.render(e, status, "request_fixed", v)
}
