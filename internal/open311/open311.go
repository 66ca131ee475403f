// Package open311 is the town's Open311 GeoReport v2 API under /open311/v2/:
// service discovery, the service list and definitions, filing requests with
// an API key, and reading public requests, in XML and JSON, with the common
// extensions (page and page_size, extensions=true, media uploads).
//
// Requests filed here go through the same domain as every other channel, so
// they are numbered, routed and acknowledged like any other. What the API
// shows of a request is only what the public tracking page shows: never who
// reported it.
package open311

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// Prefix is where the API lives.
const Prefix = "/open311/v2"

// Specification is the token discovery uses for GeoReport v2.
const Specification = "http://wiki.open311.org/GeoReport_v2"

// DefaultRate is how many requests a key may file per hour when the clerk
// sets no rate of its own.
const DefaultRate = 100

// Config is what the API needs from the composition root.
type Config struct {
	Requests *requests.Domain
	Town     *town.Store
	Bundle   *i18n.Bundle
	Rate     int // requests per key per hour when the key sets none; 0 = DefaultRate
}

// Handler serves the API.
type Handler struct {
	reqs    *requests.Domain
	town    *town.Store
	bundle  *i18n.Bundle
	limiter *limiter
	mail    *notify.Composer // the key emails
}

// Register adds the API's routes when the server starts, and the hooks that
// create API keys and keep them out of the outbox once sent.
func Register(app core.App, cfg Config) *Handler {
	if cfg.Rate <= 0 {
		cfg.Rate = DefaultRate
	}
	h := &Handler{reqs: cfg.Requests, town: cfg.Town, bundle: cfg.Bundle, limiter: newLimiter(cfg.Rate),
		mail: &notify.Composer{Bundle: cfg.Bundle, Town: cfg.Town}}
	registerKeys(app, h)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		h.routes(se)
		return se.Next()
	})
	return h
}

// lang is the language of names and descriptions in a response: the locale
// parameter, then Accept-Language, then the town's default.
func (h *Handler) lang(e *core.RequestEvent) string {
	t := h.town.Get()
	pref := query(e.Request, "locale")
	if pref == "" {
		pref = e.Request.Header.Get("Accept-Language")
	}
	if pref == "" {
		return t.DefaultLanguage
	}
	return i18n.Negotiate(pref, t.Languages)
}

// BaseURL is the API's absolute URL, on the town's public address
// (Settings → Application URL), never the request's Host header.
func BaseURL(app core.App) string { return town.AbsURL(app, Prefix) }

// Jurisdiction is the jurisdiction_id this server answers to: its host name
// without "www.", as the spec suggests. Any other jurisdiction_id is a 404.
func Jurisdiction(app core.App) string {
	u, err := url.Parse(town.AbsURL(app, ""))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}

// checkJurisdiction accepts an absent jurisdiction_id (this server serves
// one jurisdiction) and the town's own, by host name or mail domain.
func (h *Handler) checkJurisdiction(e *core.RequestEvent, given string) error {
	given = strings.ToLower(strings.TrimSpace(given))
	if given == "" {
		return nil
	}
	for _, ok := range []string{Jurisdiction(e.App), h.town.Get().MailDomain} {
		if ok != "" && strings.TrimPrefix(given, "www.") == strings.ToLower(ok) {
			return nil
		}
	}
	if Jurisdiction(e.App) == "" && h.town.Get().MailDomain == "" {
		return nil
	}
	return notFound("jurisdiction_id %s was not found: this server serves only %s.", given, h.jurisdictionName(e))
}

func (h *Handler) jurisdictionName(e *core.RequestEvent) string {
	if j := Jurisdiction(e.App); j != "" {
		return j
	}
	return h.town.Get().MailDomain
}

// query reads a parameter from the URL or, for a POST, the body. Empty and
// absent are the same, as the spec says.
func query(r *http.Request, name string) string {
	return strings.TrimSpace(r.FormValue(name))
}
