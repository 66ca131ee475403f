package web

import (
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// signinPage shows the password form, with the other ways in.
func (h *Handler) signinPage(e *core.RequestEvent, lang string) error {
	f := &Form{Values: map[string][]string{"next": {e.Request.URL.Query().Get("next")}}}
	return h.renderSignin(e, lang, siteSignin, f, http.StatusOK)
}

// postedEmail reads a posted form whose email is required, and its
// password too when withPassword; each one missing is marked on the form.
func (h *Handler) postedEmail(r *http.Request, lang string, withPassword bool) (*Form, string, error) {
	if err := r.ParseForm(); err != nil {
		return nil, "", err
	}
	f := &Form{Values: r.PostForm}
	email := strings.TrimSpace(f.Get("email"))
	if email == "" {
		h.fieldError(f, lang, "email", "account.error.email_required", nil)
	}
	if withPassword && f.Get("password") == "" {
		h.fieldError(f, lang, "password", "account.error.password_required", nil)
	}
	return f, email, nil
}

// signinPage is a page with the email and password form.
type signinPage struct{ path, titleID, name string }

var (
	siteSignin = signinPage{"/signin", "account.signin.title", "signin"}
	deskSignin = signinPage{"/staff/signin", "desk.signin.title", "staff_signin"}
)

// renderSignin shows p with the form as posted and its problems.
func (h *Handler) renderSignin(e *core.RequestEvent, lang string, p signinPage, f *Form, status int) error {
	return h.renderPage(e, lang, p.path, p.titleID, p.name, f, status)
}

// postedSignin reads the email and password posted to p. When one is
// missing, or the address has tried too often, ok is false and the answer
// is written (err is the handler's result).
func (h *Handler) postedSignin(e *core.RequestEvent, lang string, p signinPage) (f *Form, email string, ok bool, err error) {
	f, email, err = h.postedEmail(e.Request, lang, true)
	switch {
	case err != nil:
		return nil, "", false, h.errorPage(e, lang, http.StatusBadRequest)
	case len(f.Errors) > 0:
		return nil, "", false, h.renderSignin(e, lang, p, f, http.StatusUnprocessableEntity)
	case h.accountLimited(e, "POST "+p.path, email):
		return nil, "", false, h.tooMany(e, lang)
	}
	return f, email, true, nil
}

// signin checks an email and password. The error never says which of the
// two was wrong.
func (h *Handler) signin(e *core.RequestEvent, lang string) error {
	f, email, ok, err := h.postedSignin(e, lang, siteSignin)
	if !ok {
		return err
	}
	user, err := e.App.FindAuthRecordByEmail("users", email)
	if err != nil {
		user = nil
	}
	if !h.checkPassword(e.App, user, f.Get("password")) {
		h.fieldError(f, lang, "email", "account.error.wrong_password", nil)
		return h.renderSignin(e, lang, siteSignin, f, http.StatusUnprocessableEntity)
	}
	if !user.Verified() {
		h.fieldError(f, lang, "email", "account.error.not_verified", nil)
		return h.renderSignin(e, lang, siteSignin, f, http.StatusUnprocessableEntity)
	}
	if err := h.startSession(e, user); err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "account.flash.signed_in")
	return redirect(e, safeNext(f.Get("next"), lang))
}

// signout ends the session on this browser and every other: a new token
// key makes every token issued to the account so far invalid, on the site
// and as an API bearer token.
func (h *Handler) signout(e *core.RequestEvent, lang string) error {
	if u := e.Auth; u != nil && u.Collection().Name == "users" {
		u.RefreshTokenKey()
		if err := e.App.Save(u); err != nil {
			return h.fail(e, lang, err)
		}
	}
	endSession(e)
	flash(e, "account.flash.signed_out")
	return redirect(e, "/"+lang+"/")
}

// passwordChecks counts password comparisons, for tests.
var passwordChecks atomic.Int64

// dummyAccount holds a made-up account to compare passwords against when
// the email address has none.
type dummyAccount struct {
	once sync.Once
	rec  *core.Record
}

// checkPassword compares pw with user's password or, when there is no such
// account, with a random one hashed at the same bcrypt cost: the answer
// takes as long either way, so its timing does not tell which addresses
// have accounts.
func (h *Handler) checkPassword(app core.App, user *core.Record, pw string) bool {
	target := user
	if target == nil {
		h.dummy.once.Do(func() {
			if col, err := app.FindCachedCollectionByNameOrId("users"); err == nil {
				h.dummy.rec = core.NewRecord(col)
				h.dummy.rec.SetPassword(security.RandomString(32))
			}
		})
		if target = h.dummy.rec; target == nil {
			return false
		}
	}
	passwordChecks.Add(1)
	return target.ValidatePassword(pw) && user != nil
}
