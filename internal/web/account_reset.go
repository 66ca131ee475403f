package web

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

func (h *Handler) resetPage(e *core.RequestEvent, lang string) error {
	return h.renderPage(e, lang, "/reset", "account.reset.title", "reset", &Form{}, http.StatusOK)
}

// renderPage renders a simple form page.
func (h *Handler) renderPage(e *core.RequestEvent, lang, path, titleID, page string, data any, status int) error {
	return h.renderNoIndex(e, lang, path, h.bundle.T(lang, titleID, nil), page, data, status)
}

// renderNoIndex renders a page titled title that search engines are not to
// index.
func (h *Handler) renderNoIndex(e *core.RequestEvent, lang, path, title, page string, data any, status int) error {
	v := h.view(e, lang, path)
	v.Title, v.NoIndex, v.Data = title, true, data
	return h.render(e, status, page, v)
}

// resetRequest emails a link to choose a new password, if the address has
// an account; the page says the same either way.
func (h *Handler) resetRequest(e *core.RequestEvent, lang string) error {
	email := strings.TrimSpace(e.Request.FormValue("email"))
	if email == "" {
		f := &Form{Values: map[string][]string{"email": {email}}}
		h.fieldError(f, lang, "email", "account.error.email_required", nil)
		return h.renderPage(e, lang, "/reset", "account.reset.title", "reset", f, http.StatusUnprocessableEntity)
	}
	if h.accountLimited(e, "POST /reset", email) {
		return h.tooMany(e, lang)
	}
	if user, err := e.App.FindAuthRecordByEmail("users", email); err == nil {
		l := userLang(user, lang)
		tok, err := user.NewPasswordResetToken()
		if err == nil {
			err = h.mail.PasswordReset(e.App, l, email, user, tok)
		}
		if err != nil {
			return h.fail(e, lang, err)
		}
	}
	return h.renderPage(e, lang, "/reset", "account.check_email.title", "check_email", email, http.StatusOK)
}

func (h *Handler) resetConfirmPage(e *core.RequestEvent, lang string) error {
	f := &Form{Values: map[string][]string{"token": {e.Request.URL.Query().Get("token")}}}
	return h.renderPage(e, lang, "/reset/confirm", "account.reset.new_title", "reset_confirm", f, http.StatusOK)
}

// resetConfirm sets the new password; PocketBase then invalidates every
// earlier session of the account.
func (h *Handler) resetConfirm(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	user, err := e.App.FindAuthRecordByToken(f.Get("token"), core.TokenTypePasswordReset)
	if err != nil {
		h.fieldError(f, lang, "password", "account.error.link", nil)
	} else {
		h.checkNewPassword(f, lang, f.Get("password"))
	}
	if len(f.Errors) > 0 {
		return h.renderPage(e, lang, "/reset/confirm", "account.reset.new_title", "reset_confirm", f, http.StatusUnprocessableEntity)
	}
	user.SetPassword(f.Get("password"))
	user.SetVerified(true)
	if err := e.App.Save(user); err != nil {
		return h.fail(e, lang, err)
	}
	if err := h.startSession(e, user); err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "account.flash.password_changed")
	return redirect(e, "/"+lang+"/my-requests")
}
