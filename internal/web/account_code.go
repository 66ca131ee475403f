package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

const codeLifetime = 10 * time.Minute

// codeTries is how many times a code may be tried: after that many wrong
// guesses it no longer works, even when right.
const codeTries = 5

// codePage asks for an email address, or, once a code was sent, for the
// code.
func (h *Handler) codePage(e *core.RequestEvent, lang string) error {
	q := e.Request.URL.Query()
	f := &Form{Values: map[string][]string{"otp": {q.Get("otp")}, "email": {q.Get("email")}, "next": {q.Get("next")}}}
	return h.renderPage(e, lang, "/signin/code", "account.code.title", "signin_code", f, http.StatusOK)
}

// sendCode emails a one-time code. Whether the address has an account is
// not revealed: the next step looks the same either way.
func (h *Handler) sendCode(e *core.RequestEvent, lang string) error {
	f, email, err := h.postedEmail(e.Request, lang, false)
	if err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	if email == "" {
		return h.renderPage(e, lang, "/signin/code", "account.code.title", "signin_code", f, http.StatusUnprocessableEntity)
	}
	if h.accountLimited(e, "POST /signin/code", email) {
		return h.tooMany(e, lang)
	}
	otpID := core.GenerateDefaultRandomId()
	if user, err := e.App.FindAuthRecordByEmail("users", email); err == nil {
		code := security.RandomStringWithAlphabet(6, "0123456789")
		otp := core.NewOTP(e.App)
		otp.SetCollectionRef(user.Collection().Id)
		otp.SetRecordRef(user.Id)
		otp.SetSentTo(email)
		otp.SetPassword(code)
		err := e.App.RunInTransaction(func(tx core.App) error {
			if err := tx.Save(otp); err != nil {
				return err
			}
			return h.mail.SignInCode(tx, userLang(user, lang), email, code, otp.Id)
		})
		if err != nil {
			return h.fail(e, lang, err)
		}
		otpID = otp.Id
	}
	q := url.Values{"otp": {otpID}, "email": {email}, "next": {f.Get("next")}}
	return redirect(e, "/"+lang+"/signin/code?"+q.Encode())
}

// checkCode signs in with a code; receiving it proves the address, so the
// account counts as verified.
func (h *Handler) checkCode(e *core.RequestEvent, lang string) error {
	if err := e.Request.ParseForm(); err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: e.Request.PostForm}
	code := strings.TrimSpace(f.Get("code"))
	otp, err := e.App.FindOTPById(f.Get("otp"))
	if err == nil && h.accountLimited(e, "POST /signin/code/check", otp.SentTo()) {
		return h.tooMany(e, lang)
	}
	ok := err == nil && !otp.HasExpired(codeLifetime)
	if ok {
		if ok, err = takeTry(e.App, otp.Id); err != nil {
			return h.fail(e, lang, err)
		}
	}
	if !ok || !otp.ValidatePassword(code) {
		h.fieldError(f, lang, "code", "account.error.code", nil)
		return h.renderPage(e, lang, "/signin/code", "account.code.title", "signin_code", f, http.StatusUnprocessableEntity)
	}
	user, err := e.App.FindRecordById("users", otp.RecordRef())
	if err != nil {
		h.fieldError(f, lang, "code", "account.error.code", nil)
		return h.renderPage(e, lang, "/signin/code", "account.code.title", "signin_code", f, http.StatusUnprocessableEntity)
	}
	if err := e.App.Delete(otp); err != nil {
		return h.fail(e, lang, err)
	}
	if err := h.startVerifiedSession(e, user); err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "account.flash.signed_in")
	return redirect(e, safeNext(f.Get("next"), lang))
}

// userLang is the language the resident chose, or lang.
func userLang(user *core.Record, lang string) string {
	if l := user.GetString("language"); l != "" {
		return l
	}
	return lang
}

// takeTry counts one try of a code, in one statement so that tries sent at
// the same moment are all counted, and reports whether the code had tries
// left.
func takeTry(app core.App, otpID string) (bool, error) {
	res, err := app.DB().NewQuery("UPDATE {{_otps}} SET [[attempts]] = [[attempts]] + 1 WHERE [[id]] = {:id} AND [[attempts]] < {:max}").
		Bind(dbx.Params{"id": otpID, "max": codeTries}).Execute()
	if err != nil {
		return false, fmt.Errorf("count a sign-in code try: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("count a sign-in code try: %w", err)
	}
	return n == 1, nil
}
