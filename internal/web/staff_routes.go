package web

import (
	"net/http"
	"net/url"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
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

// staffRoutes adds the staff desk to lang's group.
func (h *Handler) staffRoutes(g *router.RouterGroup[*core.RequestEvent], lang string) {
	page := func(next langHandler) func(*core.RequestEvent) error {
		return func(e *core.RequestEvent) error { return next(e, lang) }
	}
	st := func(next staffHandler) func(*core.RequestEvent) error { return page(h.staffOnly(next)) }
	g.GET("/staff/signin", page(h.staffSigninPage))
	g.POST("/staff/signin", page(h.staffSignin)).Bind(apis.BodyLimit(maxStaffPost))
	g.POST("/staff/signout", page(h.staffSignout))
	g.GET("/staff", st(h.staffQueue))
	g.GET("/staff/metrics", st(h.staffMetrics))
	g.GET("/staff/metrics/requests.csv", st(h.staffMetricsCSV))
	g.POST("/staff/bulk", st(h.staffBulk)).Bind(apis.BodyLimit(maxStaffPost))
	g.GET("/staff/new", st(h.staffNew))
	g.POST("/staff/new", st(h.staffNewPost)).Bind(apis.BodyLimit(maxStaffPost))
	g.GET("/staff/requests/{number}", st(h.staffRequest))
	g.POST("/staff/requests/{number}", st(h.staffAction)).Bind(apis.BodyLimit(maxStaffPost))
	g.GET("/staff/requests/{number}/files/{name}", st(h.staffFile))
	g.GET("/staff/notifications", st(h.staffNotify))
	g.POST("/staff/notifications", st(h.staffNotifyPost)).Bind(apis.BodyLimit(maxStaffPost))
	clerk := func(next staffHandler) func(*core.RequestEvent) error { return st(h.clerkOnly(next)) }
	g.GET("/staff/questions", clerk(h.staffQuestions))
	g.POST("/staff/questions", clerk(h.staffQuestionsPost)).Bind(apis.BodyLimit(maxStaffPost))
	g.GET("/staff/bookings", clerk(h.staffBookings))
	g.POST("/staff/bookings/{id}", clerk(h.staffDecide)).Bind(apis.BodyLimit(maxStaffPost))
	g.GET("/staff/sessions/{id}", clerk(h.staffRoster))
	g.POST("/staff/sessions/{id}", clerk(h.staffWalkIn)).Bind(apis.BodyLimit(maxStaffPost))
	h.staffPaymentRoutes(g, clerk)
}

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
