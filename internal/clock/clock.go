// Package clock is the one source of "now" for Townhall's domains. The
// composition root builds one Clock and hands it to every part, so a test
// can drive a single Fake through requests, bookings, pages and mail.
package clock

import (
	"sync"
	"time"
)

// Clock tells the time.
type Clock interface {
	Now() time.Time
}

// Real is the system clock.
var Real Clock = realClock{}

type realClock struct{}

func (realClock) Now() time.Time { return time.Now() }

// Or returns c, or Real when c is nil, so a zero-valued struct keeps working.
func Or(c Clock) Clock {
	if c == nil {
		return Real
	}
	return c
}

// Fake is a clock a test sets and advances; it is safe for concurrent use.
// Its zero value reads the zero time.
type Fake struct {
	mu sync.Mutex
	t  time.Time
}

// NewFake returns a Fake showing t.
func NewFake(t time.Time) *Fake { return &Fake{t: t} }

// Now returns the time last set.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.t
}

// Set moves the clock to t.
func (f *Fake) Set(t time.Time) {
	f.mu.Lock()
	f.t = t
	f.mu.Unlock()
}

// Advance moves the clock on by d and returns the new time.
func (f *Fake) Advance(d time.Duration) time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.t = f.t.Add(d)
	return f.t
}

// WallDays is the time from a to b in days as the clocks on the wall in loc
// show it: a day is midnight to midnight even when the clocks change, so
// from 10:00 to 10:00 two days later is 2 days, not 1.96, across a
// daylight-saving change.
func WallDays(a, b time.Time, loc *time.Location) float64 {
	wall := func(t time.Time) time.Time {
		t = t.In(loc)
		return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.UTC)
	}
	return wall(b).Sub(wall(a)).Hours() / 24
}
