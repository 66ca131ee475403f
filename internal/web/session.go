package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// startSession signs user in on this browser: an HttpOnly, SameSite=Lax
// cookie holding a PocketBase auth token.
func (h *Handler) startSession(e *core.RequestEvent, user *core.Record) error {
	tok, err := user.NewAuthToken()
	if err != nil {
		return err
	}
	e.SetCookie(&http.Cookie{
		Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true, Secure: e.IsTLS(),
		SameSite: http.SameSiteLaxMode, MaxAge: int(user.Collection().AuthToken.Duration),
	})
	e.Auth = user
	return nil
}

func endSession(e *core.RequestEvent) {
	e.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", HttpOnly: true, Secure: e.IsTLS(),
		SameSite: http.SameSiteLaxMode, MaxAge: -1})
}

// safeNext is a local path to return to after signing in, or home.
func safeNext(next, lang string) string {
	if u, err := url.Parse(next); err == nil && strings.HasPrefix(next, "/") && !strings.HasPrefix(next, "//") &&
		!strings.HasPrefix(next, "/\\") && u.Host == "" && u.Scheme == "" {
		return next
	}
	return "/" + lang + "/my-requests"
}

// signedIn wraps a page for residents only: others are sent to sign in and
// brought back.
func (h *Handler) signedIn(next langHandler) langHandler {
	return func(e *core.RequestEvent, lang string) error {
		if e.Auth == nil || e.Auth.Collection().Name != "users" {
			if e.Get(unverifiedKey) == true {
				flash(e, "account.flash.verify_first")
			}
			return e.Redirect(http.StatusSeeOther, "/"+lang+"/signin?next="+url.QueryEscape(e.Request.URL.RequestURI()))
		}
		return next(e, lang)
	}
}

// redirect answers a form post (post/redirect/get).
func redirect(e *core.RequestEvent, to string) error { return e.Redirect(http.StatusSeeOther, to) }
