package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

// sessionCookie holds a resident's auth token for the server-rendered site.
// It is HttpOnly and SameSite=Lax; the API keeps using bearer tokens.
const sessionCookie = "th_session"

// langCookie remembers the language a visitor last chose.
const langCookie = "th_lang"

// sitePath reports whether path belongs to the site, not PocketBase's API or
// admin UI, which keep their own rules.
func sitePath(path string) bool {
	return !strings.HasPrefix(path, "/api/") && !strings.HasPrefix(path, "/_/")
}

// loadSession signs the visitor in from the session cookie on site pages.
func (h *Handler) loadSession(e *core.RequestEvent) error {
	if e.Auth == nil && sitePath(e.Request.URL.Path) {
		if c, err := e.Request.Cookie(sessionCookie); err == nil && c.Value != "" {
			if rec, err := e.App.FindAuthRecordByToken(c.Value, core.TokenTypeAuth); err == nil && rec.Collection().Name == "users" {
				e.Auth = rec
			}
		}
	}
	return e.Next()
}

// unverifiedKey marks a request that carried the token of an account
// whose email address is not confirmed yet.
const unverifiedKey = "townhallUnverified"

// dropUnverified treats a resident whose email address is not confirmed as
// signed out on the site, whether the token came in the session cookie or
// an Authorization header: anyone can create an account with someone
// else's address, so nothing that needs an account works until it is
// confirmed. The API's rules check @request.auth.verified themselves.
func dropUnverified(e *core.RequestEvent) error {
	if a := e.Auth; a != nil && a.Collection().Name == "users" && !a.Verified() && sitePath(e.Request.URL.Path) {
		e.Auth = nil
		e.Set(unverifiedKey, true)
	}
	return e.Next()
}

// csp allows nothing inline and nothing from elsewhere. The town's colour
// comes from /theme.css, not an inline style. A Pay form posts to the site,
// which redirects to Stripe's hosted Checkout page: form-action covers
// that redirect, so it names Stripe's page too.
const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self' https://checkout.stripe.com; frame-ancestors 'none'"

// securityHeaders sets what PocketBase leaves out on the public site, and
// takes off what no longer matters: X-XSS-Protection (browsers dropped the
// filter it switched on, and the old ones it could make leak) and FLoC's
// interest-cohort. Every page, cached ones included, carries only headers
// a browser acts on.
func securityHeaders(e *core.RequestEvent) error {
	if sitePath(e.Request.URL.Path) {
		hd := e.Response.Header()
		hd.Del("X-XSS-Protection")
		hd.Set("Content-Security-Policy", csp)
		hd.Set("Referrer-Policy", "no-referrer")
		hd.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
		hd.Set("X-Frame-Options", "DENY") // for browsers older than CSP's frame-ancestors
	}
	if e.IsTLS() {
		e.Response.Header().Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
	}
	return e.Next()
}

// newCrossOrigin is the site's protection against cross-site form posts
// (CSRF), from the browser's Sec-Fetch-Site and Origin headers. The APIs
// served beside the site (Open311) are exempt: apps call them from other
// sites, with an API key rather than a session cookie.
func newCrossOrigin(apis []string) *http.CrossOriginProtection {
	c := http.NewCrossOriginProtection()
	for _, prefix := range apis {
		c.AddInsecureBypassPattern(strings.TrimSuffix(prefix, "/") + "/")
	}
	return c
}

// crossOriginCheck refuses form posts from other sites.
func (h *Handler) crossOriginCheck(e *core.RequestEvent) error {
	if sitePath(e.Request.URL.Path) {
		if err := h.crossOrigin.Check(e.Request); err != nil {
			return h.forbidden(e, h.requestLang(e))
		}
	}
	return e.Next()
}

// apiPath reports whether path is under one of the APIs served beside the
// site (Open311).
func (h *Handler) apiPath(path string) bool {
	for _, prefix := range h.apis {
		if path == strings.TrimSuffix(prefix, "/") || strings.HasPrefix(path, strings.TrimSuffix(prefix, "/")+"/") {
			return true
		}
	}
	return false
}

// siteWithoutCORS narrows PocketBase's CORS middleware (bound by the serve
// command for every path, Access-Control-Allow-Origin: * by default) to the
// APIs: PocketBase's /api/ and admin UI, and the APIs beside the site. No
// other site may read the site's pages from a visitor's browser.
func (h *Handler) siteWithoutCORS(r *router.Router[*core.RequestEvent]) {
	i := slices.IndexFunc(r.Middlewares, func(m *hook.Handler[*core.RequestEvent]) bool { return m.Id == apis.DefaultCorsMiddlewareId })
	if i < 0 {
		return // not served by the serve command (tests)
	}
	// Replaced in place: Unbind would also exclude the id from the /api/
	// group, which a new Bind on the router does not undo.
	cors := r.Middlewares[i]
	r.Middlewares[i] = &hook.Handler[*core.RequestEvent]{Id: cors.Id, Priority: cors.Priority, Func: func(e *core.RequestEvent) error {
		if p := e.Request.URL.Path; sitePath(p) && !h.apiPath(p) {
			return e.Next()
		}
		return cors.Func(e)
	}}
}

// skipSuccessLog is PocketBase's middleware that keeps a request out of the
// logs unless it fails.
var skipSuccessLog = apis.SkipSuccessActivityLog().Func

// quietPageViews keeps successful page views and static files out of
// PocketBase's request log: writing a log row for each cost as much CPU as
// serving a cached page, and filled the database with visits. Errors, form
// posts, and the API and admin UI are still logged.
func quietPageViews(e *core.RequestEvent) error {
	if m := e.Request.Method; sitePath(e.Request.URL.Path) && (m == http.MethodGet || m == http.MethodHead) {
		return skipSuccessLog(e)
	}
	return e.Next()
}

// maxFormBody bounds a site form post that carries no files: the longest
// field (a comment of 5,000 characters) is far below it, and a larger body
// is refused before it is read.
const maxFormBody = 2 << 20

// limitFormBody applies maxFormBody to site posts that are not multipart;
// forms with files set their own limit on their route.
func limitFormBody(e *core.RequestEvent) error {
	r := e.Request
	if r.Method == http.MethodPost && sitePath(r.URL.Path) && !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		r.Body = http.MaxBytesReader(e.Response, r.Body, maxFormBody)
	}
	return e.Next()
}
