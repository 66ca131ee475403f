package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Events are the town's own dates (Select Board meetings, hearings, fairs)
// for the public calendar. One at a facility blocks its bookings.
func init() {
	createCollection("events", func(c *core.Collection) {
		readable(c, "public = true")
		c.Fields.Add(
			label("title", 200, ""),
			&core.TextField{Name: "description", Max: 4000},
			&core.DateField{Name: "starts", Required: true},
			&core.DateField{Name: "ends", Required: true},
			&core.TextField{Name: "location", Max: 300},
			&core.RelationField{Name: "facility", MaxSelect: 1, CollectionId: "facilities", Help: "If it uses a facility, bookings of it are blocked then."},
			&core.BoolField{Name: "public", Help: "Shown on the town calendar."},
			translationsField(`{"es":{"title":"Reunión de la Junta","description":"…","location":"…"}}`),
		)
		c.AddIndex("idx_events_starts", false, "starts", "")
	})
}
