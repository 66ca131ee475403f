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
// for 30 seconds (cached: never for a signed-in visitor or a query;
// h.cachedList: the request list's first pages, until a request changes);
// every page written for a signed-in visitor, a private link or a form
// post is sent with Cache-Control: no-store (writeHTML).
func (h *Handler) langRoutes(g *router.RouterGroup[*core.RequestEvent], lang string) {
	g.BindFunc(h.offered(lang))
	a := langActions{h: h, lang: lang}
	h.townRoutes(g, a)
	h.accountRoutes(g, a)
	h.bookingRoutes(g, a, &bookingPages{Handler: h, d: h.bookings})
	h.editorRoutes(g, a)
	h.staffRoutes(g.Group("/staff"), a)
}

// action is what a route runs.
type action = func(*core.RequestEvent) error

// langActions turns the handlers of one language's pages into actions,
// through the checks a page needs.
type langActions struct {
	h    *Handler
	lang string
}

// page is a page for anyone.
func (a langActions) page(next langHandler) action {
	return func(e *core.RequestEvent) error { return next(e, a.lang) }
}

// cached is a page for anyone, cached for visitors (h.cached).
func (a langActions) cached(next langHandler) action { return a.page(a.h.cached(next)) }

// user is a page for a signed-in resident.
func (a langActions) user(next langHandler) action { return a.page(a.h.signedIn(next)) }

// editor is a page for volunteers whose role is editor.
func (a langActions) editor(next langHandler) action { return a.page(a.h.editorOnly(next)) }

// staff is a desk page for the clerk and department staff.
func (a langActions) staff(next staffHandler) action { return a.page(a.h.staffOnly(next)) }

// clerk is a desk page for the clerk only.
func (a langActions) clerk(next staffHandler) action { return a.staff(a.h.clerkOnly(next)) }

// townRoutes adds home, help, the town, services and requests.
func (h *Handler) townRoutes(g *router.RouterGroup[*core.RequestEvent], a langActions) {
	g.GET("", a.page(h.redirectHome))
	g.GET("/{$}", a.cached(h.home))
	g.GET("/help", a.cached(h.helpIndex))
	g.GET("/help/{section}", a.cached(h.helpSection))
	g.GET("/help/{section}/{slug}", a.cached(h.article))
	g.GET("/departments", a.cached(h.departments))
	g.GET("/notices", a.cached(h.notices))
	g.GET("/notices.atom", a.page(h.noticesFeed))
	g.GET("/search", a.page(h.search))
	g.GET("/ask", a.page(h.askPage))
	g.POST("/ask", a.page(h.askClerk))
	g.GET("/developers", a.cached(h.developers))

	// Services and requests
	g.GET("/services", a.cached(h.services))
	g.GET("/services/{code}", a.cached(h.service))
	g.GET("/services/{code}/request", a.page(h.requestForm))
	g.POST("/services/{code}/request", a.page(h.requestPost)).Bind(apis.BodyLimit(maxUpload))
	g.GET("/requests", a.page(h.cachedList(h.requestsList)))
	g.GET("/requests/{number}", a.page(h.track))
	g.GET("/requests/{number}/received", a.page(h.received))
	g.POST("/requests/{number}/comment", a.page(h.comment))
	g.POST("/requests/{number}/follow", a.user(h.follow))
	g.GET("/my-requests", a.user(h.myRequests))
	g.GET("/requests/{number}/fixed", a.page(h.feedbackPage))
	g.POST("/requests/{number}/fixed", a.page(h.feedback))
	g.GET("/performance", a.cached(h.performance))
	g.GET("/performance/requests.csv", a.page(h.performanceCSV))
}

// accountRoutes adds signing in and out, the account's pages and the
// pages linked from emails.
func (h *Handler) accountRoutes(g *router.RouterGroup[*core.RequestEvent], a langActions) {
	g.GET("/signin", a.page(h.signinPage))
	g.POST("/signin", a.page(h.signin))
	g.GET("/signin/code", a.page(h.codePage))
	g.POST("/signin/code", a.page(h.sendCode))
	g.POST("/signin/code/check", a.page(h.checkCode))
	g.GET("/signup", a.page(h.signupPage))
	g.POST("/signup", a.page(h.signup))
	g.GET("/verify", a.page(h.verifyPage))
	g.POST("/verify", a.page(h.verify))
	g.GET("/reset", a.page(h.resetPage))
	g.POST("/reset", a.page(h.resetRequest))
	g.GET("/reset/confirm", a.page(h.resetConfirmPage))
	g.POST("/reset/confirm", a.page(h.resetConfirm))
	g.POST("/signout", a.page(h.signout))
	g.GET("/account", a.user(h.profilePage))
	g.POST("/account", a.user(h.profile))
	g.GET("/account/password", a.user(h.passwordPage))
	g.POST("/account/password", a.user(h.changePassword))
	g.GET("/account/email", a.user(h.emailPage))
	g.POST("/account/email", a.user(h.changeEmail))
	g.GET("/account/email/confirm", a.page(h.emailConfirmPage))
	g.POST("/account/email/confirm", a.page(h.emailConfirm))
	g.POST("/account/phone", a.user(h.phoneStart))
	g.GET("/account/phone", a.user(h.phonePage))
	g.POST("/account/phone/confirm", a.user(h.phoneConfirm))
	g.GET("/account/delete", a.user(h.deletePage))
	g.POST("/account/delete", a.user(h.deleteAccount))

	// Pages linked from emails
	g.GET("/unsubscribe", a.page(h.unsubscribePage))
	g.POST("/unsubscribe", a.page(h.unsubscribe))
}

// bookingRoutes adds facilities, reservations, programs, the town calendar
// and paying online (Stripe Checkout), receipts and the water bill.
// Availability changes by the minute, so only the calendar page is cached.
func (h *Handler) bookingRoutes(g *router.RouterGroup[*core.RequestEvent], a langActions, b *bookingPages) {
	g.GET("/book", a.page(b.index))
	g.GET("/book/{slug}", a.page(b.facility))
	g.GET("/book/{slug}/reserve", a.user(b.reserveForm))
	g.POST("/book/{slug}/reserve", a.user(b.reserve))
	g.GET("/reservations", a.user(b.mine))
	g.GET("/reservations/{id}", a.user(b.reservation))
	g.GET("/reservations/{id}/calendar.ics", a.user(b.reservationFile))
	g.GET("/reservations/{id}/cancel", a.user(b.cancelConfirm))
	g.POST("/reservations/{id}/cancel", a.user(b.cancel))
	g.POST("/reservations/calendar-link", a.user(b.resetFeed))
	g.GET("/programs/{slug}", a.page(b.program))
	g.GET("/programs/{slug}/register", a.user(b.registerForm))
	g.POST("/programs/{slug}/register", a.user(b.register))
	g.GET("/registrations/{id}/cancel", a.user(b.withdrawConfirm))
	g.POST("/registrations/{id}/cancel", a.user(b.withdraw))
	g.GET("/calendar", a.cached(b.calendar))
	g.GET("/calendar.ics", a.page(b.calendarFeed))
	g.GET("/calendar/private/{token}", a.page(b.privateFeed))

	// Paying
	g.POST("/pay/{kind}/{id}", a.user(h.payItem))
	g.GET("/payments/return", a.user(h.payReturn))
	g.GET("/payments/{id}", a.user(h.receipt))
	g.GET("/account/water", a.user(h.waterPage))
	g.POST("/account/water", a.user(h.waterLink))
	g.POST("/account/water/remind", a.user(h.waterRemind))
}

// editorRoutes adds the knowledge-base editor, for volunteers whose role
// is editor.
func (h *Handler) editorRoutes(g *router.RouterGroup[*core.RequestEvent], a langActions) {
	g.GET("/editor", a.editor(h.workspace))
	g.GET("/editor/guide", a.editor(h.editorGuide))
	g.GET("/editor/new", a.editor(h.newPage))
	g.POST("/editor/new", a.editor(h.newPagePost)).Bind(apis.BodyLimit(maxEditorPost))
	g.POST("/editor/preview", a.editor(h.previewFragment)).Bind(apis.BodyLimit(maxEditorPost))
	g.GET("/editor/pages/{id}", a.editor(h.editPage))
	g.POST("/editor/pages/{id}", a.editor(h.editPagePost)).Bind(apis.BodyLimit(maxEditorPost))
	g.GET("/editor/pages/{id}/history", a.editor(h.history))
	g.GET("/editor/pages/{id}/compare", a.editor(h.compare))
	g.GET("/editor/pages/{id}/revisions/{rev}", a.editor(h.revision))
	g.POST("/editor/pages/{id}/revisions/{rev}/restore", a.editor(h.restore))
}

// staffRoutes adds the staff desk, for the clerk and department staff,
// to its group (/{lang}/staff). A desk request's body is bounded by
// maxStaffPost, the accounts upload's by maxAccountsUpload.
func (h *Handler) staffRoutes(g *router.RouterGroup[*core.RequestEvent], a langActions) {
	g.Bind(apis.BodyLimit(maxStaffPost))
	g.GET("/signin", a.page(h.staffSigninPage))
	g.POST("/signin", a.page(h.staffSignin))
	g.POST("/signout", a.page(h.staffSignout))
	g.GET("", a.staff(h.staffQueue))
	g.GET("/metrics", a.staff(h.staffMetrics))
	g.GET("/metrics/requests.csv", a.staff(h.staffMetricsCSV))
	g.POST("/bulk", a.staff(h.staffBulk))
	g.GET("/new", a.staff(h.staffNew))
	g.POST("/new", a.staff(h.staffNewPost))
	g.GET("/requests/{number}", a.staff(h.staffRequest))
	g.POST("/requests/{number}", a.staff(h.staffAction))
	g.GET("/requests/{number}/files/{name}", a.staff(h.staffFile))
	g.GET("/notifications", a.staff(h.staffNotify))
	g.POST("/notifications", a.staff(h.staffNotifyPost))

	// The clerk's pages
	g.GET("/questions", a.clerk(h.staffQuestions))
	g.POST("/questions", a.clerk(h.staffQuestionsPost))
	g.GET("/bookings", a.clerk(h.staffBookings))
	g.POST("/bookings/{id}", a.clerk(h.staffDecide))
	g.GET("/sessions/{id}", a.clerk(h.staffRoster))
	g.POST("/sessions/{id}", a.clerk(h.staffWalkIn))
	g.GET("/payments", a.clerk(h.staffPayments))
	g.GET("/payments/payments.csv", a.clerk(h.staffPaymentsCSV))
	g.POST("/payments/counter", a.clerk(h.staffCounter))
	g.POST("/payments/{id}/refund", a.clerk(h.staffRefund))
	g.POST("/payments/accounts", a.clerk(h.staffAccounts)).Bind(apis.BodyLimit(maxAccountsUpload))
}
