package web

import (
	"net/http"
	"regexp"

	"github.com/pocketbase/pocketbase/core"
)

const flashCookie = "th_flash"

var flashID = regexp.MustCompile(`^[a-z_.]+$`)

// flash leaves a message (a locale id) for the next page the visitor sees.
func flash(e *core.RequestEvent, msgID string) {
	e.SetCookie(&http.Cookie{Name: flashCookie, Value: msgID, Path: "/", HttpOnly: true, Secure: e.IsTLS(),
		SameSite: http.SameSiteLaxMode, MaxAge: 60})
}

// takeFlash returns and clears the waiting message id, if any.
func takeFlash(e *core.RequestEvent) string {
	c, err := e.Request.Cookie(flashCookie)
	if err != nil || !flashID.MatchString(c.Value) {
		return ""
	}
	e.SetCookie(&http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, Secure: e.IsTLS(), SameSite: http.SameSiteLaxMode})
	return c.Value
}
