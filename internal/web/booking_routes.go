package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/townhall/townhall/internal/booking"
)

// bookingPages are the facility, reservation, program and calendar pages.
type bookingPages struct {
	*Handler
	d *booking.Domain
}

// bookingRoutes adds facilities, reservations, programs and the town
// calendar under prefix (e.g. /en) for lang. Availability changes by the
// minute, so only the public calendar page is cached (for 30 seconds).
func (h *Handler) bookingRoutes(r *router.Router[*core.RequestEvent], prefix, lang string) {
	p := prefix
	b := &bookingPages{Handler: h, d: &booking.Domain{Town: h.town}}
	r.GET(p+"/book", h.lang(lang, b.index))
	r.GET(p+"/book/{slug}", h.lang(lang, b.facility))
	r.GET(p+"/book/{slug}/reserve", h.lang(lang, h.signedIn(b.reserveForm)))
	r.POST(p+"/book/{slug}/reserve", h.lang(lang, h.signedIn(b.reserve)))
	r.GET(p+"/reservations", h.lang(lang, h.signedIn(b.mine)))
	r.GET(p+"/reservations/{id}", h.lang(lang, h.signedIn(b.reservation)))
	r.GET(p+"/reservations/{id}/calendar.ics", h.lang(lang, h.signedIn(b.reservationFile)))
	r.POST(p+"/reservations/{id}/cancel", h.lang(lang, h.signedIn(b.cancel)))
	r.POST(p+"/reservations/calendar-link", h.lang(lang, h.signedIn(b.resetFeed)))
	r.GET(p+"/programs/{slug}", h.lang(lang, b.program))
	r.GET(p+"/programs/{slug}/register", h.lang(lang, h.signedIn(b.registerForm)))
	r.POST(p+"/programs/{slug}/register", h.lang(lang, h.signedIn(b.register)))
	r.POST(p+"/registrations/{id}/cancel", h.lang(lang, h.signedIn(b.withdraw)))
	r.GET(p+"/calendar", h.lang(lang, h.cached(b.calendar)))
	r.GET(p+"/calendar.ics", h.lang(lang, b.calendarFeed))
	r.GET(p+"/calendar/private/{token}", h.lang(lang, b.privateFeed))
}
