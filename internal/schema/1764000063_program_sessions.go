package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// A program session meets on the same weekdays and times from its first to
// its last day, for an age group, with a capacity, fee and registration
// window. Meeting at a facility blocks that facility's bookings.
func init() {
	createCollection("program_sessions", func(c *core.Collection) {
		readable(c, "active = true")
		zero := types.Pointer(0.0)
		clock := `^([01][0-9]|2[0-3]):[0-5][0-9]$`
		c.Fields.Add(
			&core.RelationField{Name: "program", Required: true, MaxSelect: 1, CollectionId: "programs", CascadeDelete: true},
			label("name", 120, "e.g. Spring, ages 4 to 7"),
			&core.RelationField{Name: "facility", MaxSelect: 1, CollectionId: "facilities", Help: "Where it meets; its bookings are blocked then."},
			&core.DateField{Name: "first_day", Required: true, Help: "Only the date counts."},
			&core.DateField{Name: "last_day", Required: true, Help: "Only the date counts."},
			&core.SelectField{Name: "weekdays", Required: true, MaxSelect: 7,
				Values: []string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}},
			&core.TextField{Name: "start_time", Required: true, Pattern: clock, Help: "24-hour clock in the town's time zone, e.g. 09:00"},
			&core.TextField{Name: "end_time", Required: true, Pattern: clock, Help: "e.g. 10:30"},
			&core.NumberField{Name: "min_age", OnlyInt: true, Min: zero, Help: "Age on the first day."},
			&core.NumberField{Name: "max_age", OnlyInt: true, Min: zero},
			&core.NumberField{Name: "capacity", OnlyInt: true, Min: zero, Help: "Places; when they are taken, residents join the waitlist."},
			&core.NumberField{Name: "fee", Min: zero, Help: "Per person, in dollars."},
			&core.DateField{Name: "registration_opens", Required: true},
			&core.DateField{Name: "registration_closes", Required: true},
			&core.BoolField{Name: "active"},
			translationsField(`{"es":{"name":"Primavera, de 4 a 7 años"}}`),
		)
		c.AddIndex("idx_program_sessions_program", false, "program, first_day", "")
	})
}
