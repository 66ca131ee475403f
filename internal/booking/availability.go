package booking

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Slot states, as the availability table shows them.
const (
	SlotFree   = "free"
	SlotBooked = "booked" // a booking, event or program, or the gap kept around one
	SlotPast   = "past"   // already begun, or sooner than the facility's notice
	SlotLater  = "later"  // beyond how far ahead the facility may be booked
)

// Slot is one step of a day's opening hours.
type Slot struct {
	Interval
	State string
}

// Day is one calendar day of a facility in the town's time zone.
type Day struct {
	Date    Date
	Closed  string     // the closure's reason, when closed all day
	Open    []Interval // opening periods; none when the facility does not open that weekday
	Slots   []Slot
	Free    []Interval // runs of free slots, for the week view
	Changes bool       // the clocks change this day (23 or 25 hours)
}

// Step is the length of one row of a facility's day table: an hour when its
// bookings come in whole hours, else half an hour.
func (f *Facility) Step() time.Duration {
	if f.MinMinutes%60 == 0 && f.BufferMinutes%60 == 0 {
		return time.Hour
	}
	return 30 * time.Minute
}

// Window is when facility f may be booked at now: from the notice it needs
// to the end of the last day residents may book ahead (open-ended when the
// facility sets no limit).
func (d *Domain) Window(f *Facility, now time.Time) (earliest, latest time.Time) {
	earliest = now.Add(time.Duration(f.NoticeHours) * time.Hour)
	if f.AdvanceDays > 0 {
		latest = DateOf(now.In(d.loc())).AddDays(f.AdvanceDays + 1).Start(d.loc())
	}
	return earliest, latest
}

// Availability lists facility f's days from first, n days long.
func (d *Domain) Availability(app core.App, f *Facility, first Date, n int, lang string) ([]Day, error) {
	loc := d.loc()
	last := first.AddDays(n - 1)
	from, _ := first.Span(loc)
	_, to := last.Span(loc)
	busy, err := d.busyTimes(app, f, from.Add(-f.Buffer()), to.Add(f.Buffer()), "")
	if err != nil {
		return nil, err
	}
	closed, err := d.closedDays(app, f.ID, first, last, lang)
	if err != nil {
		return nil, err
	}
	now := d.now()
	earliest, latest := d.Window(f, now)
	days := make([]Day, n)
	for i := range days {
		day := first.AddDays(i)
		start, end := day.Span(loc)
		days[i] = Day{Date: day, Closed: closed[day], Changes: end.Sub(start) != 24*time.Hour}
		days[i].Open = f.openOn(loc, day)
		if days[i].Closed != "" {
			continue
		}
		for _, o := range days[i].Open {
			days[i].Slots = append(days[i].Slots, slots(o, f.Step(), f.Buffer(), busy, earliest, latest)...)
		}
		days[i].Free = freeRuns(days[i].Slots)
	}
	return days, nil
}

// openOn are the opening periods of day as instants in loc. A period whose
// opening time falls in the hour skipped in spring opens at the next valid
// minute.
func (f *Facility) openOn(loc *time.Location, day Date) []Interval {
	var out []Interval
	for _, h := range f.HoursOn(day.Weekday()) {
		oc, ok1 := ParseClock(h.Open)
		cc, ok2 := ParseClock(h.Close)
		if !ok1 || !ok2 || cc <= oc {
			continue
		}
		start, ok := day.At(loc, oc)
		for c := oc; !ok && c < cc; c += 15 {
			start, ok = day.At(loc, c)
		}
		end, ok2 := day.At(loc, cc)
		if ok && ok2 && end.After(start) {
			out = append(out, Interval{start, end})
		}
	}
	return out
}

// slots cuts an opening period into steps of real time, so a day with an
// extra hour has an extra row, and marks each.
func slots(open Interval, step, buffer time.Duration, busy []Interval, earliest, latest time.Time) []Slot {
	var out []Slot
	for s := open.Start; s.Before(open.End); s = s.Add(step) {
		end := s.Add(step)
		if end.After(open.End) {
			end = open.End
		}
		sl := Slot{Interval: Interval{s, end}, State: SlotFree}
		padded := Interval{sl.Start.Add(-buffer), sl.End.Add(buffer)}
		switch {
		case sl.Start.Before(earliest):
			sl.State = SlotPast
		case !latest.IsZero() && !sl.Start.Before(latest):
			sl.State = SlotLater
		default:
			for _, b := range busy {
				if b.Overlaps(padded) {
					sl.State = SlotBooked
					break
				}
			}
		}
		out = append(out, sl)
	}
	return out
}

func freeRuns(ss []Slot) []Interval {
	var out []Interval
	for _, s := range ss {
		if s.State != SlotFree {
			continue
		}
		if n := len(out); n > 0 && out[n-1].End.Equal(s.Start) {
			out[n-1].End = s.End
			continue
		}
		out = append(out, s.Interval)
	}
	return out
}
