// Package web is the public site: server-rendered pages in every offered
// language, built from html/template and the locales, working without
// JavaScript.
package web

import (
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// Config is what the site needs from the composition root.
type Config struct {
	Bundle   *i18n.Bundle
	Town     *town.Store
	Requests *requests.Domain
	Booking  *booking.Domain
	Payments *payments.Domain
	// APIs are path prefixes of other programs' APIs served beside the site
	// (Open311): called across origins with a key rather than a session, so
	// they keep CORS and skip the site's cross-site form check.
	APIs   []string
	Static fs.FS    // pb_public: stylesheet, icons
	Order  []string // knowledge-base sections in display order
	// Open311 is what the developers' page says of the Open311 API. The
	// composition root fills it in, so that the site never imports another
	// channel.
	Open311 APIDoc
	// Clock is the one "now" of the site, the one the domains read; nil is
	// clock.Real.
	Clock clock.Clock
}

// APIDoc describes an API served beside the site, for its documentation page.
type APIDoc struct {
	BaseURL      func(core.App) string // the API's absolute base URL
	Jurisdiction func(core.App) string // the jurisdiction_id it answers to
	Rate         int                   // requests per key per hour by default
}

// Handler serves every page of the site.
type Handler struct {
	app      core.App
	bundle   *i18n.Bundle
	town     *town.Store
	reqs     *requests.Domain
	bookings *booking.Domain
	pay      *payments.Domain
	apis     []string
	apiDoc   APIDoc
	assets   *assets // pb_public, fingerprinted and gzipped once
	order    []string
	pages    pageTemplates
	log      *slog.Logger
	cache    *pageCache
	limits   limiter // the site's rate-limit counters
	dummy    dummyAccount
	mail     *notify.Composer // the account emails
	// crossOrigin refuses cross-site form posts (CSRF) on the site.
	crossOrigin *http.CrossOriginProtection
	clock       clock.Clock // "now" for pages, feeds and the desk
}

// now is the time on the composition root's clock.
func (h *Handler) now() time.Time { return h.clock.Now() }

// Register parses the templates (failing fast on a bad one) and adds the
// site's routes and middleware when the server starts.
func Register(app core.App, cfg Config) (*Handler, error) {
	static, err := loadAssets(cfg.Static)
	if err != nil {
		return nil, err
	}
	pages, err := parseTemplates(cfg.Bundle, static)
	if err != nil {
		return nil, err
	}
	h := &Handler{app: app, bundle: cfg.Bundle, town: cfg.Town, reqs: cfg.Requests, bookings: cfg.Booking, pay: cfg.Payments, apis: cfg.APIs, apiDoc: cfg.Open311, assets: static, order: cfg.Order, pages: pages, cache: newPageCache(app),
		crossOrigin: newCrossOrigin(cfg.APIs), clock: clock.Or(cfg.Clock)}
	h.mail = &notify.Composer{Bundle: cfg.Bundle, Town: cfg.Town}
	// Runs before the other start-up handlers: it may save the settings,
	// which must happen before any background job starts reading them.
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Priority: -100,
		Func: func(se *core.ServeEvent) error {
			h.log = se.App.Logger().With(slog.String("component", "web"))
			if err := enableRateLimits(se.App, h.bundle.Languages()); err != nil {
				return err
			}
			h.routes(se)
			return se.Next()
		},
	})
	return h, nil
}
