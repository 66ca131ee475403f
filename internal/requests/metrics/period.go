// Package metrics computes the town's figures from its requests: what came
// in (by service, department, channel and week), what was closed and how
// fast (median and 90th percentile days, the share within the service's
// response days), the open backlog by age, the reopen rate and the
// reporters' satisfaction; the public performance table; and the requests
// of a period as Open311-shaped CSV. Every figure leaves duplicates out and
// reads days in the town's time zone.
package metrics

import (
	"errors"
	"time"
)

// Period is a span of the town's days, as instants: [From, To).
type Period struct {
	From, To time.Time
}

// Kinds of period the desk offers.
const (
	ThisMonth = "this_month"
	LastMonth = "last_month"
	ThisYear  = "this_year"
	Custom    = "custom"
)

// MaxCustomDays bounds a custom period.
const MaxCustomDays = 366

// Errors in a custom period.
var (
	ErrPeriodOrder = errors.New("the period ends before it starts")
	ErrPeriodLong  = errors.New("the period is longer than a year")
)

// midnight is the start of t's day in loc.
func midnight(t time.Time, loc *time.Location) time.Time {
	t = t.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc)
}

// MonthOf is the calendar month holding now in loc.
func MonthOf(now time.Time, loc *time.Location) Period {
	now = now.In(loc)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	return Period{from, from.AddDate(0, 1, 0)}
}

// Named is one of the desk's named periods (this_month, last_month,
// this_year) around now in loc; an unknown name is this month.
func Named(name string, now time.Time, loc *time.Location) Period {
	m := MonthOf(now, loc)
	switch name {
	case LastMonth:
		return Period{m.From.AddDate(0, -1, 0), m.From}
	case ThisYear:
		from := time.Date(m.From.Year(), 1, 1, 0, 0, 0, 0, loc)
		return Period{from, from.AddDate(1, 0, 0)}
	}
	return m
}

// Days is the custom period from the start of day from to the end of day
// to (both the town's calendar days, inclusive).
func Days(from, to time.Time, loc *time.Location) (Period, error) {
	p := Period{midnight(from, loc), midnight(to, loc).AddDate(0, 0, 1)}
	if !p.To.After(p.From) {
		return Period{}, ErrPeriodOrder
	}
	if p.To.After(p.From.AddDate(0, 0, MaxCustomDays)) {
		return Period{}, ErrPeriodLong
	}
	return p, nil
}

// LastDay is the period's last calendar day (To is the midnight after it).
func (p Period) LastDay() time.Time { return p.To.AddDate(0, 0, -1) }

// Months lists the first instants of the n months ending with the month
// holding now, oldest first.
func Months(now time.Time, loc *time.Location, n int) []time.Time {
	m := MonthOf(now, loc).From
	out := make([]time.Time, n)
	for i := range out {
		out[i] = m.AddDate(0, i-n+1, 0)
	}
	return out
}

// weekStart is the Monday starting t's week in loc.
func weekStart(t time.Time, loc *time.Location) time.Time {
	d := midnight(t, loc)
	back := (int(d.Weekday()) + 6) % 7
	return d.AddDate(0, 0, -back)
}

// ageDays is how many of the town's calendar days separate created from now.
func ageDays(created, now time.Time, loc *time.Location) int {
	a, b := midnight(created, loc), midnight(now, loc)
	return int(time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC).
		Sub(time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)).Hours() / 24)
}
