package booking

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Everything a resident sees or types is wall-clock time in the town's time
// zone; everything stored is an instant. These helpers convert between the
// two without assuming a day has 24 hours: around daylight-saving changes a
// day has 23 or 25, a wall time may not exist (spring forward) or exist
// twice (fall back).

// Date is a calendar day with no time zone.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads "2006-01-02".
func ParseDate(s string) (Date, bool) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return Date{}, false
	}
	return DateOf(t), true
}

// DateOf is the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// String is the ISO form, as forms and URLs use it.
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// AddDays is the day n days later (earlier for negative n).
func (d Date) AddDays(n int) Date {
	return DateOf(time.Date(d.Year, d.Month, d.Day+n, 12, 0, 0, 0, time.UTC))
}

// Weekday of the day.
func (d Date) Weekday() time.Weekday {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Weekday()
}

// Before reports whether d is an earlier day than o.
func (d Date) Before(o Date) bool { return d.String() < o.String() }

// IsZero reports whether d is unset.
func (d Date) IsZero() bool { return d.Year == 0 }

// Start is the first instant of the day in loc.
func (d Date) Start(loc *time.Location) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, loc)
}

// Span is the day's first instant and the next day's, in loc: 23, 24 or 25
// hours apart.
func (d Date) Span(loc *time.Location) (start, end time.Time) {
	return d.Start(loc), d.AddDays(1).Start(loc)
}

// MondayOf is the Monday of d's week (weeks start on Monday, ISO 8601).
func MondayOf(d Date) Date {
	return d.AddDays(-((int(d.Weekday()) + 6) % 7))
}

// Clock is a time of day in minutes after midnight; 24:00 is 1440.
type Clock int

// ParseClock reads "15:04" (and "24:00" for the end of the day).
func ParseClock(s string) (Clock, bool) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok || len(h) == 0 || len(h) > 2 || len(m) != 2 {
		return 0, false
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh > 24 || (hh == 24 && mm != 0) {
		return 0, false
	}
	return Clock(hh*60 + mm), true
}

// String is "15:04".
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// ClockOf is the wall-clock time of t in its location.
func ClockOf(t time.Time) Clock { return Clock(t.Hour()*60 + t.Minute()) }

// At is the instant when the wall clock in loc shows c on day d. ok is false
// when that wall time does not exist (the hour skipped in spring). When it
// exists twice (the hour repeated in autumn) the earlier is returned, so a
// booking typed as 1:30 means the first 1:30. 24:00 is the next midnight.
func (d Date) At(loc *time.Location, c Clock) (time.Time, bool) {
	if c == 24*60 {
		return d.AddDays(1).Start(loc), true
	}
	h, m := int(c)/60, int(c)%60
	t := time.Date(d.Year, d.Month, d.Day, h, m, 0, 0, loc)
	if t.Hour() != h || t.Minute() != m || DateOf(t) != d {
		return time.Time{}, false
	}
	// Go picks either instant of a repeated wall time: look for an earlier
	// one with the same wall clock (offsets change by at most 3 hours).
	for back := 3 * time.Hour; back > 0; back -= 15 * time.Minute {
		e := t.Add(-back)
		if e.Hour() == h && e.Minute() == m && DateOf(e) == d {
			return e, true
		}
	}
	return t, true
}
