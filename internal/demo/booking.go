package demo

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// The demo town's spaces, holidays, youth soccer and Select Board
// meetings. Dates are relative to the day the demo is seeded, so the
// calendar and the soccer registration are always current.

func every(days []int, open, close string) []map[string]any {
	out := make([]map[string]any, len(days))
	for i, d := range days {
		out[i] = map[string]any{"day": d, "open": open, "close": close}
	}
	return out
}

// facility is a demo space and its booking limits.
type facility struct {
	Slug, Name, Description, Rules        string
	Capacity, Fee                         int
	Approval                              bool
	Hours                                 []map[string]any
	MinMinutes, MaxMinutes, BufferMinutes int
	AdvanceDays, NoticeHours, CancelHours int
	Es                                    tr
}

var demoFacilities = []facility{
	{Slug: "pavilion", Name: "Riverside Park pavilion", Capacity: 60, Fee: 40, Approval: true,
		Description: "A covered pavilion with picnic tables for about 60 people, electrical outlets and a grill nearby.",
		Rules:       "Leave the space as clean as you found it; the park is carry in, carry out.\nNo tape, nails or staples on posts.\nAlcohol needs written permission from the Select Board.\nA $50 cleaning deposit is refunded after we check the space.",
		Hours:       every([]int{0, 1, 2, 3, 4, 5, 6}, "08:00", "20:00"),
		MinMinutes:  120, MaxMinutes: 720, BufferMinutes: 30, AdvanceDays: 365, NoticeHours: 168, CancelHours: 168,
		Es: tr{"name": "Pabellón del parque Riverside",
			"description": "Un pabellón cubierto con mesas de pícnic para unas 60 personas, enchufes y una parrilla cerca.",
			"rules":       "Deje el espacio tan limpio como lo encontró; lo que lleve al parque, lléveselo.\nNo use cinta, clavos ni grapas en los postes.\nPara servir alcohol hace falta un permiso por escrito de la Junta.\nEl depósito de limpieza de 50 $ se devuelve después de revisar el espacio."}},
	{Slug: "meeting-room", Name: "Town Hall meeting room", Capacity: 40, Fee: 30,
		Description: "Seats about 40, with tables and chairs. Town meetings come first.",
		Rules:       "Events must end by 10:00 p.m.\nPut the tables and chairs back as you found them.",
		Hours:       append(every([]int{1, 2, 3, 4, 5}, "09:00", "22:00"), every([]int{6}, "09:00", "17:00")...),
		MinMinutes:  60, MaxMinutes: 240, BufferMinutes: 0, AdvanceDays: 365, NoticeHours: 168, CancelHours: 48,
		Es: tr{"name": "Sala de reuniones del Ayuntamiento",
			"description": "Para unas 40 personas, con mesas y sillas. Las reuniones municipales tienen prioridad.",
			"rules":       "Los actos deben terminar a las 22:00.\nDeje las mesas y las sillas como las encontró."}},
	{Slug: "ball-field", Name: "Riverside Park ball field", Capacity: 200, Fee: 25, Approval: true,
		Description: "A full-size grass field with a backstop and benches. Youth soccer plays here on Saturday mornings.",
		Rules:       "No metal cleats on the infield.\nThe field closes when it is wet: call Parks and Recreation if in doubt.",
		Hours:       every([]int{0, 1, 2, 3, 4, 5, 6}, "07:00", "21:00"),
		MinMinutes:  60, MaxMinutes: 180, BufferMinutes: 30, AdvanceDays: 60, NoticeHours: 24, CancelHours: 24,
		Es: tr{"name": "Campo de deportes del parque Riverside",
			"description": "Un campo de césped de tamaño reglamentario con red de protección y bancos. El fútbol juvenil juega aquí los sábados por la mañana.",
			"rules":       "No se permiten tacos metálicos en el cuadro.\nEl campo se cierra cuando está mojado: si tiene dudas, llame a Parques y Recreación."}},
}

// record is the facility as a facilities record, open for booking.
func (f facility) record() map[string]any {
	return map[string]any{
		"slug": f.Slug, "name": f.Name, "description": f.Description, "rules": f.Rules, "hours": f.Hours,
		"capacity": f.Capacity, "fee": f.Fee, "approval_required": f.Approval, "active": true,
		"min_minutes": f.MinMinutes, "max_minutes": f.MaxMinutes, "buffer_minutes": f.BufferMinutes,
		"advance_days": f.AdvanceDays, "notice_hours": f.NoticeHours, "cancel_hours": f.CancelHours,
		"translations": map[string]any{"es": f.Es},
	}
}

// seedBooking creates the facilities, the coming holidays, youth soccer
// and the Select Board's meetings, from today in the town's time zone.
func seedBooking(tx core.App, now time.Time) error {
	loc, err := time.LoadLocation(townData["timezone"].(string))
	if err != nil {
		return err
	}
	now = now.In(loc)
	ids := map[string]string{}
	for _, f := range demoFacilities {
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
