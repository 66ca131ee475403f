package booking

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
)

// Program is an activity with sessions, in one language.
type Program struct {
	ID, Slug, Name, Description string
	Sessions                    []*Session
}

// Session is one run of a program: the days it meets, for whom, how many.
type Session struct {
	ID, ProgramID, Name string
	FacilityID          string
	FirstDay, LastDay   Date
	Weekdays            []time.Weekday
	StartTime, EndTime  Clock
	MinAge, MaxAge      int
	Capacity            int
	Fee                 float64
	Opens, Closes       time.Time
	Taken, Waiting      int // places registered, people waitlisted
	Updated             time.Time
}

// Left is how many places are free.
func (s *Session) Left() int { return max(0, s.Capacity-s.Taken) }

// Full reports whether a new registration would join the waitlist.
func (s *Session) Full() bool { return s.Taken >= s.Capacity }

// Open reports whether registration is open at now.
func (s *Session) Open(now time.Time) bool { return !now.Before(s.Opens) && now.Before(s.Closes) }

var weekdayNames = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

func (d *Domain) text(r *core.Record, field, lang string) string {
	s, _ := i18n.Text(r, field, lang, d.Town.Get().DefaultLanguage)
	return s
}

// sessionFrom reads a session record in lang (counts are filled separately).
func (d *Domain) sessionFrom(r *core.Record, lang string) *Session {
	s := &Session{
		ID: r.Id, ProgramID: r.GetString("program"), Name: d.text(r, "name", lang), FacilityID: r.GetString("facility"),
		FirstDay: DateOf(r.GetDateTime("first_day").Time()), LastDay: DateOf(r.GetDateTime("last_day").Time()),
		MinAge: r.GetInt("min_age"), MaxAge: r.GetInt("max_age"), Capacity: r.GetInt("capacity"), Fee: r.GetFloat("fee"),
		Opens: r.GetDateTime("registration_opens").Time(), Closes: r.GetDateTime("registration_closes").Time(),
		Updated: r.GetDateTime("updated").Time(),
	}
	s.StartTime, _ = ParseClock(r.GetString("start_time"))
	s.EndTime, _ = ParseClock(r.GetString("end_time"))
	for _, w := range r.GetStringSlice("weekdays") {
		if wd, ok := weekdayNames[w]; ok {
			s.Weekdays = append(s.Weekdays, wd)
		}
	}
	return s
}

// Meetings are the session's meetings on the days from first to last, in
// loc. Each is built from the wall clock of its own day, so a Saturday 9:00
// practice stays at 9:00 after the clocks change.
func (s *Session) Meetings(loc *time.Location, first, last Date) []Interval {
	if first.Before(s.FirstDay) {
		first = s.FirstDay
	}
	if s.LastDay.Before(last) {
		last = s.LastDay
	}
	var out []Interval
	for day := first; !last.Before(day); day = day.AddDays(1) {
		if !s.meetsOn(day.Weekday()) {
			continue
		}
		start, ok1 := day.At(loc, s.StartTime)
		end, ok2 := day.At(loc, s.EndTime)
		if ok1 && ok2 && end.After(start) {
			out = append(out, Interval{start, end})
		}
	}
	return out
}

func (s *Session) meetsOn(wd time.Weekday) bool {
	for _, w := range s.Weekdays {
		if w == wd {
			return true
		}
	}
	return false
}

// sessionsAt are the active sessions meeting at a facility between two days.
func (d *Domain) sessionsAt(app core.App, facilityID string, first, last Date) ([]*Session, error) {
	recs, err := app.FindRecordsByFilter(Sessions, "active = true && facility = {:f} && first_day <= {:last} && last_day >= {:first}",
		"", 0, 0, dbx.Params{"f": facilityID, "first": first.String() + " 00:00:00.000Z", "last": last.String() + " 23:59:59.999Z"})
	if err != nil {
		return nil, fmt.Errorf("load program sessions: %w", err)
	}
	out := make([]*Session, len(recs))
	for i, r := range recs {
		out[i] = d.sessionFrom(r, "")
	}
	return out, nil
}

// ListPrograms returns the active programs with their active sessions.
func (d *Domain) ListPrograms(app core.App, lang string) ([]*Program, error) {
	recs, err := app.FindRecordsByFilter(Programs, "active = true", "name", 0, 0)
	if err != nil {
		return nil, fmt.Errorf("list programs: %w", err)
	}
	out := make([]*Program, 0, len(recs))
	for _, r := range recs {
		p, err := d.programFrom(app, r, lang)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// ProgramBySlug returns an active program with its sessions, or ErrNotFound.
func (d *Domain) ProgramBySlug(app core.App, slug, lang string) (*Program, error) {
	r, err := activeBySlug(app, Programs, slug)
	if err != nil {
		return nil, err
	}
	return d.programFrom(app, r, lang)
}

func (d *Domain) programFrom(app core.App, r *core.Record, lang string) (*Program, error) {
	p := &Program{ID: r.Id, Slug: r.GetString("slug"), Name: d.text(r, "name", lang), Description: d.text(r, "description", lang)}
	recs, err := app.FindRecordsByFilter(Sessions, "active = true && program = {:p}", "first_day,start_time,name", 0, 0, dbx.Params{"p": r.Id})
	if err != nil {
		return nil, fmt.Errorf("load sessions of %s: %w", p.Slug, err)
	}
	for _, sr := range recs {
		s := d.sessionFrom(sr, lang)
		if err := countPlaces(app, s); err != nil {
			return nil, err
		}
		p.Sessions = append(p.Sessions, s)
	}
	return p, nil
}

// SessionByID returns an active session with its counts, or ErrNotFound.
func (d *Domain) SessionByID(app core.App, id, lang string) (*Session, error) {
	r, err := app.FindRecordById(Sessions, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && !r.GetBool("active")) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find session %s: %w", id, err)
	}
	s := d.sessionFrom(r, lang)
	return s, countPlaces(app, s)
}

func countPlaces(app core.App, s *Session) error {
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	err := app.DB().NewQuery("SELECT status, count(*) AS n FROM registrations WHERE session = {:s} GROUP BY status").
		Bind(dbx.Params{"s": s.ID}).All(&rows)
	if err != nil {
		return fmt.Errorf("count registrations: %w", err)
	}
	for _, r := range rows {
		switch r.Status {
		case Registered:
			s.Taken = r.N
		case Waitlisted:
			s.Waiting = r.N
		}
	}
	return nil
}
