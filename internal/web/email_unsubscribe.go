package web

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/notify"
)

// unsubscribeView is the unsubscribe page: a question and its button, or
// what was done, or why the link does not work.
type unsubscribeView struct {
	Action  string // the link itself: the form posts back to it
	Message string
	Again   string // how to turn it back on, once done
	Follow  bool   // the updates on one request, to someone with no account
	Done    bool
	Invalid bool
}

// unsubscribePage asks before turning anything off: mail scanners and link
// previews open links, so a GET never changes anything (RFC 8058 §1).
func (h *Handler) unsubscribePage(e *core.RequestEvent, lang string) error {
	q := e.Request.URL.Query()
	if _, err := notify.CheckUnsubscribe(e.App, q.Get("u"), q.Get("s"), q.Get("k")); err != nil {
		return h.unsubscribeInvalid(e, lang)
	}
	v := unsubscribeView{Action: e.Request.URL.RequestURI(), Message: h.bundle.T(lang, "unsubscribe."+q.Get("s")+".question", nil)}
	return h.renderPage(e, lang, "/unsubscribe", "unsubscribe.title", "email_unsubscribe", v, http.StatusOK)
}

// unsubscribe turns the digest or the alerts off, from the page's button or
// from a mail client's one-click POST ("List-Unsubscribe=One-Click"), which
// carries no session and needs none: the link is signed.
func (h *Handler) unsubscribe(e *core.RequestEvent, lang string) error {
	q := e.Request.URL.Query()
	_, err := notify.Unsubscribe(e.App, q.Get("u"), q.Get("s"), q.Get("k"))
	switch {
	case errors.Is(err, notify.ErrBadLink):
		return h.unsubscribeInvalid(e, lang)
	case err != nil:
		return h.fail(e, lang, err)
	}
	follow := q.Get("s") == notify.ScopeFollow
	again := "unsubscribe.again"
	if follow {
		again = "unsubscribe.follow.again"
	}
	v := unsubscribeView{Done: true, Follow: follow, Message: h.bundle.T(lang, "unsubscribe."+q.Get("s")+".done", nil),
		Again: h.bundle.T(lang, again, nil)}
	return h.renderPage(e, lang, "/unsubscribe", "unsubscribe.title", "email_unsubscribe", v, http.StatusOK)
}

func (h *Handler) unsubscribeInvalid(e *core.RequestEvent, lang string) error {
	return h.renderPage(e, lang, "/unsubscribe", "unsubscribe.invalid.title", "email_unsubscribe", unsubscribeView{Invalid: true}, http.StatusNotFound)
}
