package web

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests/desk"
)

// staffSigninPage is the desk's sign-in: the clerk's dashboard email and
// password, or a staff member's account.
func (h *Handler) staffSigninPage(e *core.RequestEvent, lang string) error {
	e.Response.Header().Set("Cache-Control", "no-store")
	f := &Form{Values: map[string][]string{"next": {e.Request.URL.Query().Get("next")}}}
	return h.renderSignin(e, lang, deskSignin, f, http.StatusOK)
}

// staffSignin checks the email and password against the superusers, then
// the staff. The error never says which part was wrong.
func (h *Handler) staffSignin(e *core.RequestEvent, lang string) error {
	e.Response.Header().Set("Cache-Control", "no-store")
	f, email, ok, err := h.postedSignin(e, lang, deskSignin)
	if !ok {
		return err
	}
	rec := h.staffAccount(e.App, email, f.Get("password"))
	if rec == nil {
		h.fieldError(f, lang, "email", "desk.signin.wrong", nil)
		return h.renderSignin(e, lang, deskSignin, f, http.StatusUnprocessableEntity)
	}
	if err := h.startStaffSession(e, rec); err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "account.flash.signed_in")
	next := safeNext(f.Get("next"), lang)
	if !strings.HasPrefix(next, "/"+lang+"/staff") {
		next = "/" + lang + "/staff"
	}
	return redirect(e, next)
}

// staffAccount is the superuser or verified staff member with email and
// password, or nil. Both collections are always checked, so the time taken
// does not tell which one holds the address.
func (h *Handler) staffAccount(app core.App, email, password string) *core.Record {
	var found *core.Record
	for _, col := range []string{core.CollectionNameSuperusers, "users"} {
		rec, err := app.FindAuthRecordByEmail(col, email)
		if err != nil {
			rec = nil
		}
		if h.checkPassword(app, rec, password) && found == nil {
			if _, ok := desk.StaffFrom(rec); ok {
				found = rec
			}
		}
	}
	return found
}

// staffSignout ends the desk session on this browser.
func (h *Handler) staffSignout(e *core.RequestEvent, lang string) error {
	e.SetCookie(&http.Cookie{Name: staffCookie, Value: "", Path: "/", HttpOnly: true, Secure: e.IsTLS(),
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
	flash(e, "account.flash.signed_out")
	return redirect(e, "/"+lang+"/staff/signin")
}
