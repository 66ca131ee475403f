package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/requests"
)

// askData is the Ask page: the question, the help page's answer to it
// (quoted word for word), and the form that passes it to the clerk.
type askData struct {
	Query    string
	Searched bool
	Answer   *kb.Answer
	Form     *Form
}

// maxQuestion is the longest question the Ask page takes.
const maxQuestion = 500

// askPage answers ?q= from the help pages: the sentence a page gives as its
// answer, never words of the program's own; "Did this answer it? No" asks
// the clerk. It works without JavaScript.
func (h *Handler) askPage(e *core.RequestEvent, lang string) error {
	q := strings.TrimSpace(e.Request.URL.Query().Get("q"))
	return h.renderAsk(e, lang, &Form{Values: map[string][]string{"q": {q}}}, http.StatusOK)
}

func (h *Handler) renderAsk(e *core.RequestEvent, lang string, f *Form, status int) error {
	q := f.Get("q")
	v := h.view(e, lang, "/ask")
	v.NoIndex = true
	v.Title = h.bundle.T(lang, "ask.title", nil)
	d := askData{Query: q, Form: f}
	if q != "" && utf8.RuneCountInString(q) <= maxQuestion {
		a, ok, err := kb.FindAnswer(e.App, q, lang)
		if err != nil {
			return h.fail(e, lang, err)
		}
		d.Searched = true
		if ok {
			d.Answer = &a
		}
	}
	v.Data = d
	return h.render(e, status, "ask", v)
}

// askClerk files the question for the clerk as a general inquiry, from the
// account or with the address given, and shows the request's page.
func (h *Handler) askClerk(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	q := strings.TrimSpace(f.Get("q"))
	switch {
	case q == "":
		h.fieldError(f, lang, "q", "ask.error.empty", nil)
	case utf8.RuneCountInString(q) > maxQuestion:
		h.fieldError(f, lang, "q", "request.error.too_long", map[string]any{"Max": maxQuestion})
	}
	in := requests.Input{ServiceCode: "general", Description: q, Channel: requests.ChannelWeb, Language: lang,
		ContactEmail: strings.TrimSpace(f.Get("email"))}
	if e.Auth != nil {
		in.ReporterID, in.ContactEmail = e.Auth.Id, ""
	} else if in.ContactEmail != "" && !requests.ValidEmail(in.ContactEmail) {
		h.fieldError(f, lang, "email", "request.error.email", nil)
	}
	if len(f.Errors) > 0 {
		return h.renderAsk(e, lang, f, http.StatusUnprocessableEntity)
	}
	give, ok := h.limit(e, limitRequest, limitRequestTo, recipient(e, in))
	if !ok {
		return h.refuseForm(e, lang, f, func(f *Form) error { return h.renderAsk(e, lang, f, http.StatusTooManyRequests) })
	}
	rec, err := h.reqs.Submit(e.App, in)
	if v, isV := requests.AsValidation(err); isV {
		give()
		h.fromValidation(f, lang, &v.FieldErrors)
		return h.renderAsk(e, lang, f, http.StatusUnprocessableEntity)
	}
	if err != nil {
		give()
		return h.fail(e, lang, err)
	}
	number := rec.GetString("number")
	return redirect(e, "/"+lang+"/requests/"+number+"/received?key="+requests.Sign(e.App, "private", number))
}
