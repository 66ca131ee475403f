package web

import (
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/pocketbase/pocketbase/tools/router"
)

// routes is the site's whole URL map. Pages are registered once per language
// that has a locale file, in a router group per language (a literal first
// segment keeps them clear of PocketBase's /api/ and /_/); a language the
// town does not offer is a 404.
func (h *Handler) routes(se *core.ServeEvent) {
	r := se.Router
	r.Bind(&hook.Handler[*core.RequestEvent]{Id: "townhallSession", Priority: apis.DefaultLoadAuthTokenMiddlewarePriority - 1, Func: h.loadSession})
	r.Bind(&hook.Handler[*core.RequestEvent]{Id: "townhallVerified", Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1, Func: dropUnverified})
	r.Bind(&hook.Handler[*core.RequestEvent]{Id: "townhallRateLimit", Priority: apis.DefaultRateLimitMiddlewarePriority + 1, Func: h.siteRateLimit})
	r.Bind(&hook.Handler[*core.RequestEvent]{Id: "townhallHeaders", Priority: apis.DefaultSecurityHeadersMiddlewarePriority + 1, Func: securityHeaders})
	r.BindFunc(h.crossOriginCheck)
	r.BindFunc(limitFormBody)
	r.BindFunc(quietPageViews)
	h.siteWithoutCORS(r)

	r.GET("/{$}", h.root)
	for _, lang := range h.bundle.Languages() {
		h.langRoutes(r.Group("/"+lang), lang)
	}

	// Stripe's events about Checkout sessions, checked by their signature
	r.POST("/payments/stripe/webhook", h.stripeWebhook)

	// Photos of requests (private ones only for the reporter and staff)
	r.GET("/files/requests/{number}/{name}", h.photo)

	// Files at fixed addresses
	r.GET("/theme.css", h.theme)
	r.GET("/robots.txt", h.robots)
	r.GET("/sitemap.xml", h.sitemap)
	r.GET("/.well-known/security.txt", h.securityTxt)
	r.GET("/favicon.ico", func(e *core.RequestEvent) error {
		return e.Redirect(http.StatusMovedPermanently, "/static/favicon.svg")
	})
	r.GET("/static/{path...}", h.assets.serve)
	r.GET("/{path...}", h.notFoundRoute)
}

// langRoutes adds every page under /{lang}. Pages for anyone may be cached
// for 30 seconds (h.cached: never for a signed-in visitor or a query;
// h.cachedList: the request list's first pages, until a request changes);
// every page written for a signed-in visitor, a private link or a form
// post is sent with Cache-Control: no-store (writeHTML).
func (h *Handler) langRoutes(g *router.RouterGroup[*core.RequestEvent], lang string) {
	g.BindFunc(h.offered(lang))
	page := func(next langHandler) func(*core.RequestEvent) error {
		return func(e *core.RequestEvent) error { return next(e, lang) }
	}
	user := func(next langHandler) func(*core.RequestEvent) error { return page(h.signedIn(next)) }
	editor := func(next langHandler) func(*core.RequestEvent) error { return page(h.editorOnly(next)) }
	b := &bookingPages{Handler: h, d: h.bookings}

	// Home, help and the town
	g.GET("", page(h.redirectHome))
	g.GET("/{$}", page(h.cached(h.home)))
	g.GET("/help", page(h.cached(h.helpIndex)))
	g.GET("/help/{section}", page(h.cached(h.helpSection)))
	g.GET("/help/{section}/{slug}", page(h.cached(h.article)))
	g.GET("/departments", page(h.cached(h.departments)))
	g.GET("/notices", page(h.cached(h.notices)))
	g.GET("/notices.atom", page(h.noticesFeed))
	g.GET("/search", page(h.search))
	g.GET("/ask", page(h.askPage))
	g.POST("/ask", page(h.askClerk))
	g.GET("/developers", page(h.cached(h.developers)))

	// Services and requests
	g.GET("/services", page(h.cached(h.services)))
	g.GET("/services/{code}", page(h.cached(h.service)))
	g.GET("/services/{code}/request", page(h.requestForm))
	g.POST("/services/{code}/request", page(h.requestPost)).Bind(apis.BodyLimit(maxUpload))
	g.GET("/requests", page(h.cachedList(h.requestsList)))
	g.GET("/requests/{number}", page(h.track))
	g.GET("/requests/{number}/received", page(h.received))
	g.POST("/requests/{number}/comment", page(h.comment))
	g.POST("/requests/{number}/follow", user(h.follow))
	g.GET("/my-requests", user(h.myRequests))
	g.GET("/requests/{number}/fixed", page(h.feedbackPage))
	g.POST("/requests/{number}/fixed", page(h.feedback))
	g.GET("/performance", page(h.cached(h.performance)))
	g.GET("/performance/requests.csv", page(h.performanceCSV))

	// Accounts
	g.GET("/signin", page(h.signinPage))
	g.POST("/signin", page(h.signin))
	g.GET("/signin/code", page(h.codePage))
	g.POST("/signin/code", page(h.sendCode))
	g.POST("/signin/code/check", page(h.checkCode))
	g.GET("/signup", page(h.signupPage))
	g.POST("/signup", page(h.signup))
	g.GET("/verify", page(h.verifyPage))
	g.POST("/verify", page(h.verify))
	g.GET("/reset", page(h.resetPage))
	g.POST("/reset", page(h.resetRequest))
	g.GET("/reset/confirm", page(h.resetConfirmPage))
	g.POST("/reset/confirm", page(h.resetConfirm))
	g.POST("/signout", page(h.signout))
	g.GET("/account", user(h.profilePage))
	g.POST("/account", user(h.profile))
	g.GET("/account/password", user(h.passwordPage))
	g.POST("/account/password", user(h.changePassword))
	g.GET("/account/email", user(h.emailPage))
	g.POST("/account/email", user(h.changeEmail))
	g.GET("/account/email/confirm", page(h.emailConfirmPage))
	g.POST("/account/email/confirm", page(h.emailConfirm))
	g.POST("/account/phone", user(h.phoneStart))
	g.GET("/account/phone", user(h.phonePage))
	g.POST("/account/phone/confirm", user(h.phoneConfirm))
	g.GET("/account/delete", user(h.deletePage))
	g.POST("/account/delete", user(h.deleteAccount))

	// Pages linked from emails
	g.GET("/unsubscribe", page(h.unsubscribePage))
	g.POST("/unsubscribe", page(h.unsubscribe))

	// Facilities, reservations, programs and the town calendar. Availability
	// changes by the minute, so only the calendar page is cached.
	g.GET("/book", page(b.index))
	g.GET("/book/{slug}", page(b.facility))
	g.GET("/book/{slug}/reserve", user(b.reserveForm))
	g.POST("/book/{slug}/reserve", user(b.reserve))
	g.GET("/reservations", user(b.mine))
	g.GET("/reservations/{id}", user(b.reservation))
	g.GET("/reservations/{id}/calendar.ics", user(b.reservationFile))
	g.GET("/reservations/{id}/cancel", user(b.cancelConfirm))
	g.POST("/reservations/{id}/cancel", user(b.cancel))
	g.POST("/reservations/calendar-link", user(b.resetFeed))
	g.GET("/programs/{slug}", page(b.program))
	g.GET("/programs/{slug}/register", user(b.registerForm))
	g.POST("/programs/{slug}/register", user(b.register))
	g.GET("/registrations/{id}/cancel", user(b.withdrawConfirm))
	g.POST("/registrations/{id}/cancel", user(b.withdraw))
	g.GET("/calendar", page(h.cached(b.calendar)))
	g.GET("/calendar.ics", page(b.calendarFeed))
	g.GET("/calendar/private/{token}", page(b.privateFeed))

	// Paying online (Stripe Checkout), receipts and the water bill
	g.POST("/pay/{kind}/{id}", user(h.payItem))
	g.GET("/payments/return", user(h.payReturn))
	g.GET("/payments/{id}", user(h.receipt))
	g.GET("/account/water", user(h.waterPage))
	g.POST("/account/water", user(h.waterLink))
	g.POST("/account/water/remind", user(h.waterRemind))

	// The knowledge-base editor, for volunteers whose role is editor
	g.GET("/editor", editor(h.workspace))
	g.GET("/editor/guide", editor(h.editorGuide))
	g.GET("/editor/new", editor(h.newPage))
	g.POST("/editor/new", editor(h.newPagePost)).Bind(apis.BodyLimit(maxEditorPost))
	g.POST("/editor/preview", editor(h.previewFragment)).Bind(apis.BodyLimit(maxEditorPost))
	g.GET("/editor/pages/{id}", editor(h.editPage))
	g.POST("/editor/pages/{id}", editor(h.editPagePost)).Bind(apis.BodyLimit(maxEditorPost))
	g.GET("/editor/pages/{id}/history", editor(h.history))
	g.GET("/editor/pages/{id}/compare", editor(h.compare))
	g.GET("/editor/pages/{id}/revisions/{rev}", editor(h.revision))
	g.POST("/editor/pages/{id}/revisions/{rev}/restore", editor(h.restore))

	// The staff desk, for the clerk and department staff
	h.staffRoutes(g, lang)
}
