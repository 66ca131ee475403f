package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Closures are whole days a facility, or every facility (holidays), cannot
// be booked. They are public: the availability pages show them.
func init() {
	createCollection("closures", func(c *core.Collection) {
		readable(c, "")
		c.Fields.Add(
			label("reason", 200, "Shown to residents, e.g. Independence Day or Roof repairs."),
			&core.RelationField{Name: "facility", MaxSelect: 1, CollectionId: "facilities", CascadeDelete: true,
				Help: "Leave empty for a holiday: every facility is closed."},
			&core.DateField{Name: "first_day", Required: true, Help: "Only the date counts: the facility is closed from the start of this day in the town's time zone."},
			&core.DateField{Name: "last_day", Required: true, Help: "Only the date counts: closed until the end of this day. Same as the first day for one day."},
			translationsField(`{"es":{"reason":"Día de la Independencia"}}`),
		)
		c.AddIndex("idx_closures_days", false, "last_day, first_day", "")
	})
}
