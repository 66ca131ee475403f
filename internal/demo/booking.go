package demo

import (
	"fmt"
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

var demoFacilities = []map[string]any{
	{
		"slug": "pavilion", "name": "Riverside Park pavilion", "capacity": 60,
		"description": "A covered pavilion with picnic tables for about 60 people, electrical outlets and a grill nearby.",
		"rules":       "Leave the space as clean as you found it; the park is carry in, carry out.\nNo tape, nails or staples on posts.\nAlcohol needs written permission from the Select Board.\nA $50 cleaning deposit is refunded after we check the space.",
		"hours":       every([]int{0, 1, 2, 3, 4, 5, 6}, "08:00", "20:00"),
		"min_minutes": 120, "max_minutes": 720, "buffer_minutes": 30, "advance_days": 365, "notice_hours": 168, "cancel_hours": 168,
		"fee": 40, "approval_required": true,
		"translations": map[string]any{"es": tr{"name": "Pabellón del parque Riverside",
			"description": "Un pabellón cubierto con mesas de pícnic para unas 60 personas, enchufes y una parrilla cerca.",
			"rules":       "Deje el espacio tan limpio como lo encontró; lo que lleve al parque, lléveselo.\nNo use cinta, clavos ni grapas en los postes.\nPara servir alcohol hace falta un permiso por escrito de la Junta.\nEl depósito de limpieza de 50 $ se devuelve después de revisar el espacio."}},
	},
	{
		"slug": "meeting-room", "name": "Town Hall meeting room", "capacity": 40,
		"description": "Seats about 40, with tables and chairs. Town meetings come first.",
		"rules":       "Events must end by 10:00 p.m.\nPut the tables and chairs back as you found them.",
		"hours":       append(every([]int{1, 2, 3, 4, 5}, "09:00", "22:00"), every([]int{6}, "09:00", "17:00")...),
		"min_minutes": 60, "max_minutes": 240, "buffer_minutes": 0, "advance_days": 365, "notice_hours": 168, "cancel_hours": 48,
		"fee": 30, "approval_required": false,
		"translations": map[string]any{"es": tr{"name": "Sala de reuniones del Ayuntamiento",
			"description": "Para unas 40 personas, con mesas y sillas. Las reuniones municipales tienen prioridad.",
			"rules":       "Los actos deben terminar a las 22:00.\nDeje las mesas y las sillas como las encontró."}},
	},
	{
		"slug": "ball-field", "name": "Riverside Park ball field", "capacity": 200,
		"description": "A full-size grass field with a backstop and benches. Youth soccer plays here on Saturday mornings.",
		"rules":       "No metal cleats on the infield.\nThe field closes when it is wet: call Parks and Recreation if in doubt.",
		"hours":       every([]int{0, 1, 2, 3, 4, 5, 6}, "07:00", "21:00"),
		"min_minutes": 60, "max_minutes": 180, "buffer_minutes": 30, "advance_days": 60, "notice_hours": 24, "cancel_hours": 24,
		"fee": 25, "approval_required": true,
		"translations": map[string]any{"es": tr{"name": "Campo de deportes del parque Riverside",
			"description": "Un campo de césped de tamaño reglamentario con red de protección y bancos. El fútbol juvenil juega aquí los sábados por la mañana.",
			"rules":       "No se permiten tacos metálicos en el cuadro.\nEl campo se cierra cuando está mojado: si tiene dudas, llame a Parques y Recreación."}},
	},
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
		f["active"] = true
		r, err := createRecord(tx, "facilities", f)
		if err != nil {
			return err
		}
		ids[f["slug"].(string)] = r.Id
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

func createRecord(tx core.App, collection string, data map[string]any) (*core.Record, error) {
	col, err := tx.FindCollectionByNameOrId(collection)
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(col)
	r.Load(data)
	if err := tx.Save(r); err != nil {
		return nil, fmt.Errorf("create %s: %w", collection, err)
	}
	return r, nil
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
