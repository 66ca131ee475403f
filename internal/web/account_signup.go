package web

import (
	"net/http"
	"net/mail"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

const minPassword = 10

func (h *Handler) signupPage(e *core.RequestEvent, lang string) error {
	f := &Form{Values: map[string][]string{"next": {e.Request.URL.Query().Get("next")}}}
	return h.renderPage(e, lang, "/signup", "account.signup.title", "signup", f, http.StatusOK)
}

// signup creates an unverified resident account and emails a link to
// verify it. If the address already has an account, that owner gets an
// email instead; the page says the same either way.
func (h *Handler) signup(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	name, email, pw := h.checkName(f, lang, "name"), strings.TrimSpace(f.Get("email")), f.Get("password")
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > requests.MaxEmail {
		h.fieldError(f, lang, "email", "account.error.email_invalid", nil)
	}
	h.checkNewPassword(f, lang, pw)
	if len(f.Errors) > 0 {
		return h.renderPage(e, lang, "/signup", "account.signup.title", "signup", f, http.StatusUnprocessableEntity)
	}
	if h.accountLimited(e, "POST /signup", email) {
		return h.tooMany(e, lang)
	}
	err := e.App.RunInTransaction(func(tx core.App) error {
		if existing, err := tx.FindAuthRecordByEmail("users", email); err == nil {
			return h.mail.AccountExists(tx, userLang(existing, lang), email, existing)
		}
		col, err := tx.FindCollectionByNameOrId("users")
		if err != nil {
			return err
		}
		u := core.NewRecord(col)
		u.SetEmail(email)
		u.SetPassword(pw)
		u.Load(map[string]any{"name": name, "language": lang, "role": "resident", "digest": "off"})
		if err := tx.Save(u); err != nil {
			return err
		}
		return h.sendVerification(tx, u, lang)
	})
	if err != nil {
		return h.fail(e, lang, err)
	}
	return h.renderPage(e, lang, "/signup", "account.check_email.title", "check_email", email, http.StatusOK)
}

func (h *Handler) sendVerification(app core.App, u *core.Record, lang string) error {
	tok, err := u.NewVerificationToken()
	if err != nil {
		return err
	}
	return h.mail.VerifyAddress(app, lang, u, tok)
}

// verifyPage asks the resident to confirm with a button: following a link
// from an email must not change anything by itself.
func (h *Handler) verifyPage(e *core.RequestEvent, lang string) error {
	f := &Form{Values: map[string][]string{"token": {e.Request.URL.Query().Get("token")}}}
	return h.renderPage(e, lang, "/verify", "account.verify.title", "verify", f, http.StatusOK)
}

func (h *Handler) verify(e *core.RequestEvent, lang string) error {
	user, err := e.App.FindAuthRecordByToken(e.Request.FormValue("token"), core.TokenTypeVerification)
	if err != nil {
		f := &Form{}
		h.fieldError(f, lang, "token", "account.error.link", nil)
		return h.renderPage(e, lang, "/verify", "account.verify.title", "verify", f, http.StatusUnprocessableEntity)
	}
	if err := h.startVerifiedSession(e, user); err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "account.flash.verified")
	return redirect(e, "/"+lang+"/my-requests")
}

// startVerifiedSession signs user in after they proved they hold their
// email address (a code or a link sent to it), marking it verified.
func (h *Handler) startVerifiedSession(e *core.RequestEvent, user *core.Record) error {
	if !user.Verified() {
		user.SetVerified(true)
		if err := e.App.Save(user); err != nil {
			return err
		}
	}
	return h.startSession(e, user)
}
