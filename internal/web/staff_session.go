package web

import (
	"net/http"
	"net/url"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests/desk"
	"github.com/townhall/townhall/internal/town"
)

// staffCookie holds the desk session of the clerk (a superuser) or a staff
// member. It is read on desk pages only, so a superuser's token never signs
// anyone in on the public site.
const staffCookie = "th_staff"

// maxStaffPost bounds a desk form post (a reply is at most 10,000 runes).
const maxStaffPost = 256 << 10

type staffHandler func(e *core.RequestEvent, lang string, s *desk.Staff) error

// staff is who is working on the desk in this browser: the desk session,
// or a staff member signed in on the site.
func (h *Handler) staff(e *core.RequestEvent) (*desk.Staff, bool) {
	if c, err := e.Request.Cookie(staffCookie); err == nil && c.Value != "" {
		if rec, err := e.App.FindAuthRecordByToken(c.Value, core.TokenTypeAuth); err == nil {
			if s, ok := desk.StaffFrom(rec); ok {
				return s, true
			}
		}
	}
	return desk.StaffFrom(e.Auth)
}

// staffOnly lets the clerk and staff through, sends visitors to the desk's
// sign-in, and shows signed-in residents the forbidden page. Desk pages are
// never stored anywhere.
func (h *Handler) staffOnly(next staffHandler) langHandler {
	return func(e *core.RequestEvent, lang string) error {
		e.Response.Header().Set("Cache-Control", "no-store")
		s, ok := h.staff(e)
		if !ok {
			if e.Auth != nil {
				return h.forbidden(e, lang)
			}
			return redirect(e, "/"+lang+"/staff/signin?next="+url.QueryEscape(e.Request.URL.RequestURI()))
		}
		return next(e, lang, s)
	}
}

// staffView is the common part of a desk page.
func (h *Handler) staffView(e *core.RequestEvent, lang, path, title string, s *desk.Staff) *View {
	v := h.view(e, lang, path)
	v.Title = title
	v.NoIndex = true
	v.Staff = s
	if u := e.App.Settings().Meta.AppURL; town.LocalURL(u) {
		v.AppURLWarning = u
	}
	return v
}

// startStaffSession signs rec in on the desk in this browser.
func (h *Handler) startStaffSession(e *core.RequestEvent, rec *core.Record) error {
	tok, err := rec.NewAuthToken()
	if err != nil {
		return err
	}
	e.SetCookie(&http.Cookie{Name: staffCookie, Value: tok, Path: "/", HttpOnly: true, Secure: e.IsTLS(),
		SameSite: http.SameSiteLaxMode, MaxAge: int(rec.Collection().AuthToken.Duration)})
	return nil
}
