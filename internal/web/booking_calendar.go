package web

import (
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/town"
)

// calendarWeeks is how far ahead the calendar page looks.
const calendarWeeks = 8

type calendarDay struct {
	Label  string
	ISO    string
	Events []calendarEvent
}

type calendarEvent struct {
	Time, Title, Location, Kind string
	Start                       time.Time
}

type calendarData struct {
	Days        []calendarDay
	FeedURL     string
	Webcal      template.URL
	Prev, Next  string
	From, Until string
}

// calendar is the town's public calendar for the next weeks, from ?from=.
func (b *bookingPages) calendar(e *core.RequestEvent, lang string) error {
	loc := b.loc()
	today := booking.DateOf(b.now().In(loc))
	first := today
	if d, ok := booking.ParseDate(e.Request.URL.Query().Get("from")); ok {
		first = d
	}
	last := first.AddDays(7*calendarWeeks - 1)
	from, _ := first.Span(loc)
	_, to := last.Span(loc)
	hs, err := b.d.PublicCalendar(e.App, from, to, lang)
	if err != nil {
		return b.fail(e, lang, err)
	}
	d := calendarData{From: b.dayText(lang, first), Until: b.dayText(lang, last)}
	d.FeedURL = town.AbsURL(e.App, "/"+lang+"/calendar.ics")
	d.Webcal = webcal(d.FeedURL)
	base := "/" + lang + "/calendar?from="
	d.Next = base + last.AddDays(1).String()
	if today.Before(first) {
		d.Prev = base + first.AddDays(-7*calendarWeeks).String()
	}
	for _, h := range hs {
		day := booking.DateOf(h.Start.In(loc))
		if n := len(d.Days); n == 0 || d.Days[n-1].ISO != day.String() {
			d.Days = append(d.Days, calendarDay{Label: b.dayText(lang, day), ISO: day.String()})
		}
		ev := calendarEvent{Title: b.summary(lang, h), Location: h.Location, Kind: h.Kind, Start: h.Start,
			Time: b.clockText(lang, h.Start, false) + "–" + b.clockText(lang, h.End, false)}
		d.Days[len(d.Days)-1].Events = append(d.Days[len(d.Days)-1].Events, ev)
	}
	v := b.view(e, lang, "/calendar")
	v.Title = b.bundle.T(lang, "calendar.title", nil)
	v.Description = b.bundle.T(lang, "calendar.lead", nil)
	if e.Request.URL.RawQuery != "" {
		v.NoIndex = true
	}
	v.Data = d
	return b.render(e, http.StatusOK, "booking_calendar", v)
}

// summary is a happening's title in lang: a public booking without a
// purpose says only that the place is reserved.
func (b *bookingPages) summary(lang string, h booking.Happening) string {
	if h.Kind != booking.KindReservation {
		return h.Title
	}
	if h.Title == "" {
		return b.bundle.T(lang, "booking.ics.summary", map[string]any{"Name": h.Facility})
	}
	return h.Title + " (" + h.Facility + ")"
}

// calendarFeed is the public calendar as iCalendar, from a month ago to a
// year ahead, for calendar apps to subscribe to.
func (b *bookingPages) calendarFeed(e *core.RequestEvent, lang string) error {
	now := b.now()
	hs, err := b.d.PublicCalendar(e.App, now.AddDate(0, -1, 0), now.AddDate(1, 0, 0), lang)
	if err != nil {
		return b.fail(e, lang, err)
	}
	t := b.town.Get()
	cal := b.d.NewCalendar(b.bundle.T(lang, "calendar.feed_name", map[string]any{"Town": t.NameIn(lang)}), "PUBLISH")
	for _, h := range hs {
		cal.Events = append(cal.Events, b.d.Event(h, b.summary(lang, h), town.AbsURL(e.App, "/"+lang+"/calendar?from="+booking.DateOf(h.Start.In(b.loc())).String())))
	}
	return writeCalendar(e, cal, "calendar.ics", "public, max-age=300")
}

// privateFeed is one resident's bookings and program meetings, reached by
// a signed link without signing in (calendar apps cannot); a changed or
// turned-off link is refused.
func (b *bookingPages) privateFeed(e *core.RequestEvent, lang string) error {
	user, ok := booking.FeedUser(e.App, e.Request.PathValue("token"))
	if !ok {
		return e.String(http.StatusForbidden, "This calendar link is not valid. Copy the current link from your bookings page.\n")
	}
	now := b.now()
	hs, err := b.d.ResidentCalendar(e.App, user.Id, now.AddDate(0, -3, 0), now.AddDate(1, 0, 0), lang)
	if err != nil {
		return b.fail(e, lang, err)
	}
	cal := b.d.NewCalendar(b.bundle.T(lang, "booking.mine.feed_name", map[string]any{"Town": b.town.Get().NameIn(lang)}), "PUBLISH")
	for _, h := range hs {
		title := h.Title
		url := town.AbsURL(e.App, "/"+lang+"/reservations")
		if h.Kind == booking.KindReservation {
			title = b.bundle.T(lang, "booking.ics.summary", map[string]any{"Name": h.Facility})
			url += "/" + h.ID
		}
		cal.Events = append(cal.Events, b.d.Event(h, title, url))
	}
	return writeCalendar(e, cal, "my-calendar.ics", "private, no-store")
}

// webcal is a feed's address for calendar apps to subscribe to. The feed
// URL is built from the site's own address, so it is safe as a link.
func webcal(u string) template.URL {
	if i := strings.Index(u, "://"); i >= 0 {
		return template.URL("webcal" + u[i:])
	}
	return template.URL(u)
}
