package demo

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// The demo town's spaces, holidays, youth soccer and Select Board
// meetings. Dates are relative to the day the demo is seeded, so the
// calendar and the soccer registration are always current.

// facility is a demo space and its booking limits.
type facility struct {
	Slug, Name, Description, Rules string
	Capacity, Fee                  int
	Approval                       bool `toml:"approval_required"`
	Hours                          []openDays
	MinMinutes                     int `toml:"min_minutes"`
	MaxMinutes                     int `toml:"max_minutes"`
	BufferMinutes                  int `toml:"buffer_minutes"`
	AdvanceDays                    int `toml:"advance_days"`
	NoticeHours                    int `toml:"notice_hours"`
	CancelHours                    int `toml:"cancel_hours"`
	Es                             tr
}

// openDays are weekdays (0 = Sunday) a facility opens at the same hours.
type openDays struct {
	Days        []int
	Open, Close string
}

// hours are the facility's opening hours as the facilities collection
// keeps them: one entry a weekday.
func (f facility) hours() []map[string]any {
	var out []map[string]any
	for _, o := range f.Hours {
		for _, d := range o.Days {
			out = append(out, map[string]any{"day": d, "open": o.Open, "close": o.Close})
		}
	}
	return out
}

// record is the facility as a facilities record, open for booking.
func (f facility) record() map[string]any {
	return map[string]any{
		"slug": f.Slug, "name": f.Name, "description": f.Description, "rules": f.Rules, "hours": f.hours(),
		"capacity": f.Capacity, "fee": f.Fee, "approval_required": f.Approval, "active": true,
		"min_minutes": f.MinMinutes, "max_minutes": f.MaxMinutes, "buffer_minutes": f.BufferMinutes,
		"advance_days": f.AdvanceDays, "notice_hours": f.NoticeHours, "cancel_hours": f.CancelHours,
		"translations": map[string]any{"es": f.Es},
	}
}

// seedBooking creates the facilities, the coming holidays, youth soccer
// and the Select Board's meetings, from today in the town's time zone.
func seedBooking(tx core.App, data *townFile, now time.Time) error {
	zone, _ := data.Town["timezone"].(string)
	loc, err := time.LoadLocation(zone)
	if err != nil {
		return err
	}
	now = now.In(loc)
	ids := map[string]string{}
	for _, f := range data.Facilities {
		r, err := createRecord(tx, "facilities", f.record())
		if err != nil {
			return err
		}
		ids[f.Slug] = r.Id
	}
	for _, h := range nextHolidays(now) {
		if _, err := createRecord(tx, "closures", h); err != nil {
			return err
		}
	}
	if err := seedSoccer(tx, now, ids["ball-field"]); err != nil {
		return err
	}
	return seedMeetings(tx, now, ids["meeting-room"])
}

func day(t time.Time) string { return t.Format(time.DateOnly) + " 00:00:00.000Z" }

// nextHolidays are the next Independence Day, Thanksgiving and Christmas.
func nextHolidays(now time.Time) []map[string]any {
	var out []map[string]any
	add := func(name, es string, date func(year int) time.Time) {
		d := date(now.Year())
		if d.Before(now.Truncate(24 * time.Hour)) {
			d = date(now.Year() + 1)
		}
		out = append(out, map[string]any{"reason": name, "first_day": day(d), "last_day": day(d),
			"translations": map[string]any{"es": tr{"reason": es}}})
	}
	add("Independence Day", "Día de la Independencia", func(y int) time.Time { return time.Date(y, 7, 4, 0, 0, 0, 0, time.UTC) })
	add("Thanksgiving", "Día de Acción de Gracias", func(y int) time.Time {
		first := time.Date(y, 11, 1, 0, 0, 0, 0, time.UTC)
		return first.AddDate(0, 0, (int(time.Thursday)-int(first.Weekday())+7)%7+21)
	})
	add("Christmas Day", "Navidad", func(y int) time.Time { return time.Date(y, 12, 25, 0, 0, 0, 0, time.UTC) })
	return out
}

// seedSoccer is youth soccer as the youth sports article tells it: two age
// groups on Saturday mornings in the next spring (April to June) or fall
// (September to October) season, registration open online from now until
// the day before its first Saturday, $40 a child.
func seedSoccer(tx core.App, now time.Time, field string) error {
	p, err := createRecord(tx, "programs", map[string]any{"slug": "youth-soccer", "name": "Youth soccer", "active": true,
		"description": "Parks and Recreation's soccer for ages 4 to 14, in spring and fall: team practice and games on Saturday mornings at the Riverside Park ball field. Team shirts are included; players need shin guards.",
		"translations": map[string]any{"es": tr{"name": "Fútbol juvenil",
			"description": "El fútbol de Parques y Recreación para niños de 4 a 14 años, en primavera y en otoño: entrenamiento y partidos los sábados por la mañana en el campo del parque Riverside. Incluye la camiseta del equipo; hacen falta espinilleras."}},
	})
	if err != nil {
		return err
	}
	season := nextSoccerSeason(now)
	first, last := season.First, season.Last
	closes := time.Date(first.Year(), first.Month(), first.Day(), 0, 0, 0, 0, now.Location())
	for _, s := range []struct {
		name, es, start, end string
		min, max, capacity   int
	}{
		{season.Name + ", ages 4 to 7", season.Es + ", de 4 a 7 años", "09:00", "10:00", 4, 7, 16},
		{season.Name + ", ages 8 to 14", season.Es + ", de 8 a 14 años", "10:30", "12:00", 8, 14, 20},
	} {
		_, err := createRecord(tx, "program_sessions", map[string]any{
			"program": p.Id, "name": s.name, "facility": field, "first_day": day(first), "last_day": day(last),
			"weekdays": []string{"saturday"}, "start_time": s.start, "end_time": s.end, "min_age": s.min, "max_age": s.max,
			"capacity": s.capacity, "fee": 40, "active": true,
			"registration_opens": now.AddDate(0, 0, -7).UTC(), "registration_closes": closes.UTC(),
			"translations": map[string]any{"es": tr{"name": s.es}},
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// soccerSeason is one season of youth soccer: its name and its first and
// last Saturdays.
type soccerSeason struct {
	Name, Es    string
	First, Last time.Time
}

// nextSoccerSeason is the first spring (ten Saturdays from the first in
// April) or fall (eight Saturdays from the first in September) season that
// starts at least a week after now.
func nextSoccerSeason(now time.Time) soccerSeason {
	firstSaturday := func(y int, m time.Month) time.Time {
		d := time.Date(y, m, 1, 0, 0, 0, 0, now.Location())
		return d.AddDate(0, 0, (int(time.Saturday)-int(d.Weekday())+7)%7)
	}
	for y := now.Year(); ; y++ {
		for _, s := range []struct {
			name, es string
			month    time.Month
			weeks    int
		}{{"Spring", "Primavera", time.April, 10}, {"Fall", "Otoño", time.September, 8}} {
			first := firstSaturday(y, s.month)
			if first.After(now.AddDate(0, 0, 7)) {
				return soccerSeason{Name: s.name, Es: s.es, First: first, Last: first.AddDate(0, 0, 7*(s.weeks-1))}
			}
		}
	}
}

// seedMeetings are the Select Board's meetings, the first and third
// Tuesday of the next four months at 7 p.m. in the meeting room.
func seedMeetings(tx core.App, now time.Time, room string) error {
	for m := 0; m < 4; m++ {
		month := time.Date(now.Year(), now.Month()+time.Month(m), 1, 19, 0, 0, 0, now.Location())
		tuesday := month.AddDate(0, 0, (int(time.Tuesday)-int(month.Weekday())+7)%7)
		for _, d := range []time.Time{tuesday, tuesday.AddDate(0, 0, 14)} {
			if d.Before(now) {
				continue
			}
			_, err := createRecord(tx, "events", map[string]any{
				"title": "Select Board meeting", "description": "Open to the public. The agenda is posted at Town Hall two days before.",
				"starts": d.UTC(), "ends": d.Add(2 * time.Hour).UTC(), "location": "Town Hall meeting room", "facility": room, "public": true,
				"translations": map[string]any{"es": tr{"title": "Reunión de la Junta de Gobierno",
					"description": "Abierta al público. El orden del día se publica en el Ayuntamiento dos días antes.",
					"location":    "Sala de reuniones del Ayuntamiento"}},
			})
			if err != nil {
				return err
			}
		}
	}
	return nil
}
