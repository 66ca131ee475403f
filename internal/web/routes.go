package web

import (
	"net/http"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// routes is the site's whole URL map. Pages are registered once per language
// that has a locale file (a literal first segment keeps them clear of
// PocketBase's /api/ and /_/); a language the town does not offer is a 404.
func (h *Handler) routes(se *core.ServeEvent) {
	r := se.Router
	r.Bind(&hook.Handler[*core.RequestEvent]{Id: "townhallSession", Priority: apis.DefaultLoadAuthTokenMiddlewarePriority - 1, Func: h.loadSession})
	r.Bind(&hook.Handler[*core.RequestEvent]{Id: "townhallVerified", Priority: apis.DefaultLoadAuthTokenMiddlewarePriority + 1, Func: dropUnverified})
	r.Bind(&hook.Handler[*core.RequestEvent]{Id: "townhallRateLimit", Priority: apis.DefaultRateLimitMiddlewarePriority + 1, Func: h.siteRateLimit})
	r.Bind(&hook.Handler[*core.RequestEvent]{Id: "townhallHeaders", Priority: apis.DefaultSecurityHeadersMiddlewarePriority + 1, Func: securityHeaders})
	r.BindFunc(h.crossOriginCheck)
	r.BindFunc(limitFormBody)
	r.BindFunc(quietPageViews)

	r.GET("/{$}", h.root)
	for _, lang := range h.bundle.Languages() {
		p := "/" + lang
		r.GET(p, h.lang(lang, h.redirectHome))
		r.GET(p+"/{$}", h.lang(lang, h.cached(h.home)))
		r.GET(p+"/help", h.lang(lang, h.cached(h.helpIndex)))
		r.GET(p+"/help/{section}", h.lang(lang, h.cached(h.helpSection)))
		r.GET(p+"/help/{section}/{slug}", h.lang(lang, h.cached(h.article)))
		r.GET(p+"/services", h.lang(lang, h.cached(h.services)))
		r.GET(p+"/services/{code}", h.lang(lang, h.cached(h.service)))
		r.GET(p+"/services/{code}/request", h.lang(lang, h.requestForm))
		r.POST(p+"/services/{code}/request", h.lang(lang, h.requestPost)).Bind(apis.BodyLimit(maxUpload))
		r.GET(p+"/departments", h.lang(lang, h.cached(h.departments)))
		r.GET(p+"/notices", h.lang(lang, h.cached(h.notices)))
		r.GET(p+"/notices.atom", h.lang(lang, h.noticesFeed))
		r.GET(p+"/search", h.lang(lang, h.search))

		r.GET(p+"/requests", h.lang(lang, h.requestsList))
		r.GET(p+"/requests/{number}", h.lang(lang, h.track))
		r.GET(p+"/requests/{number}/received", h.lang(lang, h.received))
		r.POST(p+"/requests/{number}/comment", h.lang(lang, h.comment))
		r.POST(p+"/requests/{number}/follow", h.lang(lang, h.signedIn(h.follow)))
		r.GET(p+"/my-requests", h.lang(lang, h.signedIn(h.myRequests)))

		r.GET(p+"/signin", h.lang(lang, h.signinPage))
		r.POST(p+"/signin", h.lang(lang, h.signin))
		r.GET(p+"/signin/code", h.lang(lang, h.codePage))
		r.POST(p+"/signin/code", h.lang(lang, h.sendCode))
		r.POST(p+"/signin/code/check", h.lang(lang, h.checkCode))
		r.GET(p+"/signup", h.lang(lang, h.signupPage))
		r.POST(p+"/signup", h.lang(lang, h.signup))
		r.GET(p+"/verify", h.lang(lang, h.verifyPage))
		r.POST(p+"/verify", h.lang(lang, h.verify))
		r.GET(p+"/reset", h.lang(lang, h.resetPage))
		r.POST(p+"/reset", h.lang(lang, h.resetRequest))
		r.GET(p+"/reset/confirm", h.lang(lang, h.resetConfirmPage))
		r.POST(p+"/reset/confirm", h.lang(lang, h.resetConfirm))
		r.POST(p+"/signout", h.lang(lang, h.signout))
		r.GET(p+"/account", h.lang(lang, h.signedIn(h.profilePage)))
		r.POST(p+"/account", h.lang(lang, h.signedIn(h.profile)))

		h.developerRoutes(r, p, lang)
		h.editorRoutes(r, p, lang)
		h.emailRoutes(r, p, lang)
		h.bookingRoutes(r, p, lang)
	}
	r.GET("/files/requests/{number}/{name}", h.photo)
	r.GET("/theme.css", h.theme)
	r.GET("/robots.txt", h.robots)
	r.GET("/sitemap.xml", h.sitemap)
	r.GET("/.well-known/security.txt", h.securityTxt)
	r.GET("/favicon.ico", func(e *core.RequestEvent) error {
		return e.Redirect(http.StatusMovedPermanently, "/static/favicon.svg")
	})
	r.GET("/static/{path...}", apis.Static(h.static, false)).BindFunc(cacheStatic)
	r.GET("/{path...}", h.notFoundRoute)
}
