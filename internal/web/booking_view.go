package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/i18n"
)

// bookingPages are the facility, reservation, program and calendar pages,
// over the one booking domain the composition root built.
type bookingPages struct {
	*Handler
	d *booking.Domain
}

// Shared helpers of the booking pages: times and dates as residents read
// them, in the town's zone, and the rule errors of the domain as form
// errors.

func (b *bookingPages) loc() *time.Location { return b.town.Get().Location }

// clockText is a time of day in lang, with the zone's abbreviation when
// zone is set (on days the clocks change, 1:30 happens twice).
func (b *bookingPages) clockText(lang string, t time.Time, zone bool) string {
	t = t.In(b.loc())
	s := b.bundle.Clock(lang, t)
	if zone {
		name, _ := t.Zone()
		s += " " + name
	}
	return s
}

// dayText is "Saturday, June 6, 2026".
func (b *bookingPages) dayText(lang string, d booking.Date) string {
	return b.bundle.DayDate(lang, time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC))
}

// spanText is "Saturday, June 6, 2026, 10:00 a.m.–12:00 p.m.".
func (b *bookingPages) spanText(lang string, start, end time.Time) string {
	s := start.In(b.loc())
	return b.dayText(lang, booking.DateOf(s)) + ", " + b.clockText(lang, start, false) + "–" + b.clockText(lang, end, false)
}

// hoursText lists a facility's opening periods on a weekday.
func (b *bookingPages) hoursText(lang string, f *booking.Facility, wd time.Weekday) string {
	var parts []string
	for _, h := range f.HoursOn(wd) {
		parts = append(parts, formatClock(b.bundle, lang, h.Open)+"–"+formatClock(b.bundle, lang, h.Close))
	}
	if len(parts) == 0 {
		return b.bundle.T(lang, "booking.closed", nil)
	}
	return strings.Join(parts, ", ")
}

// durationText is "4 hours" or "90 minutes".
func (b *bookingPages) durationText(lang string, minutes int) string {
	if minutes%60 == 0 {
		return b.bundle.T(lang, "booking.hours", map[string]any{"Count": minutes / 60})
	}
	return b.bundle.T(lang, "booking.minutes", map[string]any{"Count": minutes})
}

// cancelText is the facility's cancellation rule, in days when whole.
func (b *bookingPages) cancelText(lang string, f *booking.Facility) string {
	n := b.bundle.T(lang, "booking.hours", map[string]any{"Count": f.CancelHours})
	if f.CancelHours%24 == 0 {
		n = b.bundle.T(lang, "booking.days", map[string]any{"Count": f.CancelHours / 24})
	}
	return b.bundle.T(lang, "booking.cancel_rule", map[string]any{"Name": n})
}

// lengthText is the facility's shortest and longest booking.
func (b *bookingPages) lengthText(lang string, f *booking.Facility) string {
	switch {
	case f.MaxMinutes == 0 && f.MinMinutes == 0:
		return b.bundle.T(lang, "booking.length_any", nil)
	case f.MaxMinutes == 0:
		return b.bundle.T(lang, "booking.length_min", map[string]any{"Min": b.durationText(lang, f.MinMinutes)})
	}
	return b.bundle.T(lang, "booking.length_rule", map[string]any{"Min": b.durationText(lang, max(f.MinMinutes, 1)), "Max": b.durationText(lang, f.MaxMinutes)})
}

// weekHours are a facility's opening hours, Monday first.
func (b *bookingPages) weekHours(lang string, f *booking.Facility) []hoursRow {
	out := make([]hoursRow, 7)
	for i := range out {
		wd := time.Weekday((i + 1) % 7)
		out[i] = hoursRow{Day: b.bundle.Weekday(lang, wd), Hours: b.hoursText(lang, f, wd)}
	}
	return out
}

// ruleErrors turns the domain's refusal into form errors; it reports false
// for any other error.
func (b *bookingPages) ruleErrors(f *Form, lang string, err error) bool {
	re, ok := booking.AsRuleError(err)
	if !ok {
		return false
	}
	for _, p := range re.Problems {
		b.fieldError(f, lang, p.Field, p.Message, p.Data)
	}
	return true
}

// writeCalendar sends an iCalendar file.
func writeCalendar(e *core.RequestEvent, cal *booking.Calendar, filename, cache string) error {
	hd := e.Response.Header()
	hd.Set("Content-Type", "text/calendar; charset=utf-8")
	hd.Set("Content-Disposition", `inline; filename="`+filename+`"`)
	hd.Set("Cache-Control", cache)
	return e.Blob(http.StatusOK, "text/calendar; charset=utf-8", cal.Bytes())
}

// money is a fee as shown to residents.
func money(v float64) string { return i18n.Money(v) }
