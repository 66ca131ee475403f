package web

import (
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
)

type langHandler func(e *core.RequestEvent, lang string) error

// offered is the middleware of one language's router group: a language the
// town does not offer is a 404, and the visitor's choice is remembered in a
// cookie.
func (h *Handler) offered(lang string) func(*core.RequestEvent) error {
	return func(e *core.RequestEvent) error {
		if !h.town.Get().Offers(lang) {
			return h.notFound(e, h.town.Get().DefaultLanguage)
		}
		switch c, err := e.Request.Cookie(langCookie); {
		case err == nil && c.Value == lang:
		case err == nil:
			rememberLang(e, lang) // a switch from another language
		default:
			// A first visit: the page sets it (writeCompressedHTML), unless
			// it comes from the page cache, so that a cached page carries
			// no cookie and shared caches may keep it too.
			e.Set(langUnsetKey, lang)
		}
		return e.Next()
	}
}

// langUnsetKey marks a visitor with no language cookie yet.
const langUnsetKey = "townhallLangUnset"

// rememberLang sets the language cookie.
func rememberLang(e *core.RequestEvent, lang string) {
	e.SetCookie(&http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: e.IsTLS()})
}

// preferredLang chooses a language for a visitor who asked for none: their
// saved preference, then the cookie, then Accept-Language, then the default.
func (h *Handler) preferredLang(e *core.RequestEvent) string {
	t := h.town.Get()
	if e.Auth != nil && t.Offers(e.Auth.GetString("language")) {
		return e.Auth.GetString("language")
	}
	if c, err := e.Request.Cookie(langCookie); err == nil && t.Offers(c.Value) {
		return c.Value
	}
	return i18n.Negotiate(e.Request.Header.Get("Accept-Language"), t.Languages)
}

// requestLang is the language of the URL when it has an offered one, else
// the default: an unknown prefix gets the default language.
func (h *Handler) requestLang(e *core.RequestEvent) string {
	t := h.town.Get()
	first, _, _ := strings.Cut(strings.TrimPrefix(e.Request.URL.Path, "/"), "/")
	if t.Offers(first) {
		return first
	}
	return t.DefaultLanguage
}

// root sends / to the home page in the visitor's language.
func (h *Handler) root(e *core.RequestEvent) error {
	e.Response.Header().Add("Vary", "Accept-Language, Cookie")
	return e.Redirect(http.StatusFound, "/"+h.preferredLang(e)+"/")
}

func (h *Handler) redirectHome(e *core.RequestEvent, lang string) error {
	return e.Redirect(http.StatusMovedPermanently, "/"+lang+"/")
}
