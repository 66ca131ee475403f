package booking

import (
	"fmt"
	"sort"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Interval is a span of time, start included, end not.
type Interval struct {
	Start, End time.Time
}

// Overlaps reports whether the two intervals share any instant.
func (i Interval) Overlaps(o Interval) bool { return i.Start.Before(o.End) && o.Start.Before(i.End) }

// Duration is the real time between start and end.
func (i Interval) Duration() time.Duration { return i.End.Sub(i.Start) }

// busyTimes are the live reservations, town events and program meetings
// that use facility f between from and to, earliest first. except is a
// reservation id to leave out (the one being changed).
func (d *Domain) busyTimes(app core.App, f *Facility, from, to time.Time, except string) ([]Interval, error) {
	var out []Interval
	var rows []struct {
		Starts string `db:"starts"`
		Ends   string `db:"ends"`
	}
	err := app.DB().NewQuery(`SELECT starts, ends FROM reservations
		WHERE facility = {:f} AND status IN ('pending', 'approved') AND starts < {:to} AND ends > {:from} AND id != {:except}
		UNION ALL
		SELECT starts, ends FROM events WHERE facility = {:f} AND starts < {:to} AND ends > {:from}`).
		Bind(dbx.Params{"f": f.ID, "from": dbTime(from), "to": dbTime(to), "except": except}).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("load bookings of %s: %w", f.Slug, err)
	}
	for _, r := range rows {
		s, err1 := time.Parse("2006-01-02 15:04:05.000Z", r.Starts)
		e, err2 := time.Parse("2006-01-02 15:04:05.000Z", r.Ends)
		if err1 == nil && err2 == nil {
			out = append(out, Interval{s, e})
		}
	}
	loc := d.loc()
	sessions, err := d.sessionsAt(app, f.ID, DateOf(from.In(loc)), DateOf(to.In(loc)))
	if err != nil {
		return nil, err
	}
	for _, s := range sessions {
		for _, m := range s.Meetings(loc, DateOf(from.In(loc)), DateOf(to.In(loc))) {
			if m.Overlaps(Interval{from, to}) {
				out = append(out, m)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out, nil
}

// closedDays maps each day from first to last on which facility f is
// closed (a closure of it, or a holiday of every facility) to the reason,
// in lang.
func (d *Domain) closedDays(app core.App, facilityID string, first, last Date, lang string) (map[Date]string, error) {
	recs, err := app.FindRecordsByFilter(Closures,
		"(facility = {:f} || facility = '') && first_day <= {:last} && last_day >= {:first}", "first_day", 0, 0,
		dbx.Params{"f": facilityID, "first": first.String() + " 00:00:00.000Z", "last": last.String() + " 23:59:59.999Z"})
	if err != nil {
		return nil, fmt.Errorf("load closures: %w", err)
	}
	out := map[Date]string{}
	for _, r := range recs {
		reason := d.text(r, "reason", lang)
		from, to := DateOf(r.GetDateTime("first_day").Time()), DateOf(r.GetDateTime("last_day").Time())
		for day := from; !to.Before(day); day = day.AddDays(1) {
			if !day.Before(first) && !last.Before(day) {
				out[day] = reason
			}
		}
	}
	return out, nil
}

// conflict reports the first busy time within the facility's buffer of
// want, and whether it overlaps want itself (false: only the buffer).
func (d *Domain) conflict(app core.App, f *Facility, want Interval, except string) (hit, direct bool, err error) {
	padded := Interval{want.Start.Add(-f.Buffer()), want.End.Add(f.Buffer())}
	busy, err := d.busyTimes(app, f, padded.Start, padded.End, except)
	if err != nil || len(busy) == 0 {
		return false, false, err
	}
	for _, b := range busy {
		if b.Overlaps(want) {
			return true, true, nil
		}
	}
	return true, false, nil
}
