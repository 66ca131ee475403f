package web

import (
	"net/http"
	"net/mail"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/townhall/townhall/internal/requests"
)

// The resident's own account: a new password, a new email address
// (confirmed from that address before it replaces the old one) and
// deleting the account. Each asks for the current password, so a browser
// left signed in is not enough, and each counts against the same
// per-account limit as signing in.

func (h *Handler) passwordPage(e *core.RequestEvent, lang string) error {
	return h.renderPage(e, lang, "/account/password", "account.password_change.title", "account_password", &Form{}, http.StatusOK)
}

// currentPassword checks the "current" field against the signed-in
// resident's password, under the rule labelled label, and adds an error
// when it is wrong. It reports false, having done nothing, when the
// resident is over the limit.
func (h *Handler) currentPassword(e *core.RequestEvent, f *Form, lang, label string) bool {
	if h.accountLimited(e, label, e.Auth.Email()) {
		return false
	}
	switch {
	case f.Get("current") == "":
		h.fieldError(f, lang, "current", "account.error.password_required", nil)
	case !h.checkPassword(e.App, e.Auth, f.Get("current")):
		h.fieldError(f, lang, "current", "account.error.current_password", nil)
	}
	return true
}

// changePassword sets a new password; every other session of the account
// ends (PocketBase renews the token key), and this one starts again.
func (h *Handler) changePassword(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	if !h.currentPassword(e, f, lang, "POST /account/password") {
		return h.tooMany(e, lang)
	}
	h.checkNewPassword(f, lang, f.Get("password"))
	if len(f.Errors) > 0 {
		return h.renderPage(e, lang, "/account/password", "account.password_change.title", "account_password", f, http.StatusUnprocessableEntity)
	}
	e.Auth.SetPassword(f.Get("password"))
	return h.saveAndResume(e, lang, e.Auth, "account.flash.password_changed")
}

// saveAndResume saves a change to the account u that ends all its sessions
// (a new token key), signs this browser in again and shows the account
// page with the message flashID.
func (h *Handler) saveAndResume(e *core.RequestEvent, lang string, u *core.Record, flashID string) error {
	u.RefreshTokenKey()
	if err := e.App.Save(u); err != nil {
		return h.fail(e, lang, err)
	}
	if err := h.startSession(e, u); err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, flashID)
	return redirect(e, "/"+lang+"/account")
}

func (h *Handler) emailPage(e *core.RequestEvent, lang string) error {
	return h.renderPage(e, lang, "/account/email", "account.email_change.title", "account_email", &Form{}, http.StatusOK)
}

// changeEmail emails a confirmation link to the new address. The account
// keeps the old address until the link is used. Whether the new address
// already has an account is not shown: its owner is told by email instead.
func (h *Handler) changeEmail(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	email := strings.TrimSpace(f.Get("email"))
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || len(email) > requests.MaxEmail {
		h.fieldError(f, lang, "email", "account.error.email_invalid", nil)
	} else if strings.EqualFold(email, e.Auth.Email()) {
		h.fieldError(f, lang, "email", "account.error.email_same", nil)
	}
	if !h.currentPassword(e, f, lang, "POST /account/email") {
		return h.tooMany(e, lang)
	}
	if len(f.Errors) > 0 {
		return h.renderPage(e, lang, "/account/email", "account.email_change.title", "account_email", f, http.StatusUnprocessableEntity)
	}
	u := e.Auth
	l := userLang(u, lang)
	var err error
	if other, findErr := e.App.FindAuthRecordByEmail("users", email); findErr == nil {
		err = h.mail.AccountExists(e.App, userLang(other, l), email, other)
	} else {
		var tok string
		if tok, err = u.NewEmailChangeToken(email); err == nil {
			err = h.mail.EmailChange(e.App, l, email, u, tok)
		}
	}
	if err != nil {
		return h.fail(e, lang, err)
	}
	return h.renderPage(e, lang, "/account/email", "account.check_email.title", "check_email", email, http.StatusOK)
}

// emailChangeFor is the account and new address a confirmation link is for,
// if the link is still good: signed for the account, and issued while the
// account had the address it still has.
func emailChangeFor(app core.App, token string) (*core.Record, string, bool) {
	u, err := app.FindAuthRecordByToken(token, core.TokenTypeEmailChange)
	if err != nil || u.Collection().Name != "users" {
		return nil, "", false
	}
	claims, err := security.ParseUnverifiedJWT(token)
	if err != nil {
		return nil, "", false
	}
	old, _ := claims[core.TokenClaimEmail].(string)
	email, _ := claims[core.TokenClaimNewEmail].(string)
	if email == "" || old != u.Email() {
		return nil, "", false
	}
	return u, email, true
}

// emailConfirmPage asks to confirm the new address: opening the link does
// nothing by itself (mail scanners open links), the button does.
func (h *Handler) emailConfirmPage(e *core.RequestEvent, lang string) error {
	token := e.Request.URL.Query().Get("token")
	f := &Form{Values: map[string][]string{"token": {token}}}
	if _, email, ok := emailChangeFor(e.App, token); ok {
		f.Values["email"] = []string{email}
	} else {
		h.fieldError(f, lang, "token", "account.error.link", nil)
	}
	return h.renderPage(e, lang, "/account/email/confirm", "account.email_change.confirm_title", "account_email_confirm", f, http.StatusOK)
}

// emailConfirm replaces the address. Receiving the link proves the new
// one; every session of the account ends and this browser is signed in.
func (h *Handler) emailConfirm(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	u, email, ok := emailChangeFor(e.App, f.Get("token"))
	if ok {
		if _, err := e.App.FindAuthRecordByEmail("users", email); err == nil {
			ok = false // taken since the link was sent
		}
	}
	if !ok {
		h.fieldError(f, lang, "token", "account.error.link", nil)
		return h.renderPage(e, lang, "/account/email/confirm", "account.email_change.confirm_title", "account_email_confirm", f, http.StatusUnprocessableEntity)
	}
	u.SetEmail(email)
	u.SetVerified(true)
	return h.saveAndResume(e, lang, u, "account.flash.email_changed")
}

func (h *Handler) deletePage(e *core.RequestEvent, lang string) error {
	return h.renderPage(e, lang, "/account/delete", "account.delete.title", "account_delete", &Form{}, http.StatusOK)
}

// deleteAccount deletes the account once the resident has confirmed with
// their password. Their requests stay, without their name or contact
// details; bookings still to come are cancelled and registrations
// withdrawn (booking.Leave), so the places go to others; what belongs only
// to them (follows, drafts, household members, registrations) goes with
// the account.
func (h *Handler) deleteAccount(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	if !h.currentPassword(e, f, lang, "POST /account/delete") {
		return h.tooMany(e, lang)
	}
	if len(f.Errors) > 0 {
		return h.renderPage(e, lang, "/account/delete", "account.delete.title", "account_delete", f, http.StatusUnprocessableEntity)
	}
	u := e.Auth
	err := e.App.RunInTransaction(func(tx core.App) error {
		if err := h.bookings.Leave(tx, u.Id); err != nil {
			return err
		}
		if err := requests.Forget(tx, u.Id); err != nil {
			return err
		}
		return tx.Delete(u)
	})
	if err != nil {
		return h.fail(e, lang, err)
	}
	e.Auth = nil
	endSession(e)
	flash(e, "account.flash.deleted")
	return redirect(e, "/"+lang+"/")
}
