package web

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// signinPage shows the password form, with the other ways in.
func (h *Handler) signinPage(e *core.RequestEvent, lang string) error {
	f := &Form{Values: map[string][]string{"next": {e.Request.URL.Query().Get("next")}}}
	return h.renderPage(e, lang, "/signin", "account.signin.title", "signin", f, http.StatusOK)
}

// signin checks an email and password. The error never says which of the
// two was wrong.
func (h *Handler) signin(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	email := strings.TrimSpace(f.Get("email"))
	if email == "" {
		h.fieldError(f, lang, "email", "account.error.email_required", nil)
	}
	if f.Get("password") == "" {
		h.fieldError(f, lang, "password", "account.error.password_required", nil)
	}
	if len(f.Errors) > 0 {
		return h.renderPage(e, lang, "/signin", "account.signin.title", "signin", f, http.StatusUnprocessableEntity)
	}
	user, err := e.App.FindAuthRecordByEmail("users", email)
	if err != nil || !user.ValidatePassword(f.Get("password")) {
		h.fieldError(f, lang, "email", "account.error.wrong_password", nil)
		return h.renderPage(e, lang, "/signin", "account.signin.title", "signin", f, http.StatusUnprocessableEntity)
	}
	if !user.Verified() {
		h.fieldError(f, lang, "email", "account.error.not_verified", nil)
		return h.renderPage(e, lang, "/signin", "account.signin.title", "signin", f, http.StatusUnprocessableEntity)
	}
	if err := h.startSession(e, user); err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "account.flash.signed_in")
	return redirect(e, safeNext(f.Get("next"), lang))
}

// signout ends the session on this browser.
func (h *Handler) signout(e *core.RequestEvent, lang string) error {
	endSession(e)
	flash(e, "account.flash.signed_out")
	return redirect(e, "/"+lang+"/")
}
