package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
)

type facilityData struct {
	F         *booking.Facility
	Fee       string
	Length    string
	Cancel    string
	Hours     []hoursRow
	Week      *weekView
	Day       *dayView
	Prev      string // link to the previous week or day, if bookable
	Next      string
	WeekLink  string // from a day back to its week
	ReserveAt string // the booking form
}

type hoursRow struct{ Day, Hours string }

type weekView struct {
	Caption string
	Rows    []weekRow
}

type weekRow struct {
	Label, Link, Hours, Closed string
	Empty                      string // message id when nothing is free
	Free                       []freeLink
	Changes                    bool
}

type freeLink struct{ Label, Href string }

type dayView struct {
	Caption, Closed string
	Changes         bool
	Rows            []slotRow
}

type slotRow struct{ Label, State, Href string }

// facility shows a facility and what is free, by week (?week=) or by day
// (?day=), in the town's time zone. Never cached: bookings change it.
func (b *bookingPages) facility(e *core.RequestEvent, lang string) error {
	f, err := b.d.FacilityBySlug(e.App, e.Request.PathValue("slug"), lang)
	if err != nil {
		return b.lookupError(e, lang, err)
	}
	today := booking.DateOf(b.now().In(b.loc()))
	d := facilityData{F: f, Fee: money(f.Fee), Length: b.lengthText(lang, f), Cancel: b.cancelText(lang, f), ReserveAt: "/" + lang + "/book/" + f.Slug + "/reserve"}
	d.Hours = b.weekHours(lang, f)
	q := e.Request.URL.Query()
	if day, ok := booking.ParseDate(q.Get("day")); ok {
		err = b.dayTable(e, lang, f, day, today, &d)
	} else {
		monday := booking.MondayOf(today)
		if w, ok := booking.ParseDate(q.Get("week")); ok {
			monday = booking.MondayOf(w)
		}
		err = b.weekTable(e, lang, f, monday, today, &d)
	}
	if err != nil {
		return b.fail(e, lang, err)
	}
	v := b.view(e, lang, "/book/"+f.Slug)
	v.Title = f.Name
	v.Description = f.Description
	if q.Has("day") || q.Has("week") {
		v.NoIndex = true
	}
	v.Data = d
	return b.render(e, http.StatusOK, "booking_facility", v)
}

func (b *bookingPages) weekTable(e *core.RequestEvent, lang string, f *booking.Facility, monday, today booking.Date, d *facilityData) error {
	days, err := b.d.Availability(e.App, f, monday, 7, lang)
	if err != nil {
		return err
	}
	base := "/" + lang + "/book/" + f.Slug
	w := &weekView{Caption: b.bundle.T(lang, "booking.week_of", map[string]any{"Date": b.dayText(lang, monday)})}
	for _, day := range days {
		row := weekRow{Label: b.dayText(lang, day.Date), Link: base + "?day=" + day.Date.String(), Closed: day.Closed,
			Hours: b.hoursText(lang, f, day.Date.Weekday()), Changes: day.Changes}
		for _, run := range day.Free {
			row.Free = append(row.Free, freeLink{
				Label: b.clockText(lang, run.Start, day.Changes) + "–" + b.clockText(lang, run.End, day.Changes),
				Href:  b.reserveLink(lang, f, run.Start, run.End),
			})
		}
		row.Empty = emptyDay(day.Slots)
		w.Rows = append(w.Rows, row)
	}
	d.Week = w
	if !monday.AddDays(-1).Before(today) {
		d.Prev = base + "?week=" + monday.AddDays(-7).String()
	}
	if b.bookable(f, monday.AddDays(7)) {
		d.Next = base + "?week=" + monday.AddDays(7).String()
	}
	return nil
}

func (b *bookingPages) dayTable(e *core.RequestEvent, lang string, f *booking.Facility, day, today booking.Date, d *facilityData) error {
	days, err := b.d.Availability(e.App, f, day, 1, lang)
	if err != nil {
		return err
	}
	base := "/" + lang + "/book/" + f.Slug
	one := days[0]
	dv := &dayView{Caption: b.dayText(lang, day), Closed: one.Closed, Changes: one.Changes}
	for _, s := range one.Slots {
		row := slotRow{Label: b.clockText(lang, s.Start, one.Changes) + "–" + b.clockText(lang, s.End, one.Changes), State: s.State}
		if s.State == booking.SlotFree {
			for _, run := range one.Free {
				if !s.Start.Before(run.Start) && s.Start.Before(run.End) {
					row.Href = b.reserveLink(lang, f, s.Start, run.End)
				}
			}
		}
		dv.Rows = append(dv.Rows, row)
	}
	d.Day = dv
	d.WeekLink = base + "?week=" + booking.MondayOf(day).String()
	if !day.AddDays(-1).Before(today) {
		d.Prev = base + "?day=" + day.AddDays(-1).String()
	}
	if b.bookable(f, day.AddDays(1)) {
		d.Next = base + "?day=" + day.AddDays(1).String()
	}
	return nil
}

// bookable reports whether day is within how far ahead f may be booked.
func (b *bookingPages) bookable(f *booking.Facility, day booking.Date) bool {
	_, latest := b.d.Window(f, b.now())
	return latest.IsZero() || day.Start(b.loc()).Before(latest)
}

// reserveLink opens the booking form filled in with a start within a free
// run ending at end, and the facility's shortest booking (at least an hour).
func (b *bookingPages) reserveLink(lang string, f *booking.Facility, start, end time.Time) string {
	if dflt := start.Add(time.Duration(max(f.MinMinutes, 60)) * time.Minute); dflt.Before(end) {
		end = dflt
	}
	s, en := start.In(b.loc()), end.In(b.loc())
	q := url.Values{"date": {booking.DateOf(s).String()}, "start": {s.Format("15:04")}, "end": {en.Format("15:04")}}
	if booking.DateOf(en) != booking.DateOf(s) {
		q.Del("end") // past midnight: the resident chooses the end
	}
	return "/" + lang + "/book/" + f.Slug + "/reserve?" + q.Encode()
}

// emptyDay says why a day with nothing free has nothing free: all too soon,
// all beyond the booking window, or booked.
func emptyDay(slots []booking.Slot) string {
	past, later := 0, 0
	for _, s := range slots {
		switch s.State {
		case booking.SlotPast:
			past++
		case booking.SlotLater:
			later++
		}
	}
	switch {
	case len(slots) > 0 && past == len(slots):
		return "booking.too_late_day"
	case len(slots) > 0 && later == len(slots):
		return "booking.too_early_day"
	}
	return "booking.nothing_free"
}
