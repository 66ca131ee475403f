package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Reservations belong to the resident who made them.
func init() {
	createCollection("reservations", func(c *core.Collection) {
		readable(c, ownRule("resident"))
		c.Fields.Add(
			&core.RelationField{Name: "facility", Required: true, MaxSelect: 1, CollectionId: "facilities", Presentable: true},
			&core.DateField{Name: "starts", Required: true},
			&core.DateField{Name: "ends", Required: true},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"pending", "approved", "declined", "cancelled"}},
			&core.RelationField{Name: "resident", MaxSelect: 1, CollectionId: "users"},
			&core.TextField{Name: "purpose", Max: 500},
			&core.NumberField{Name: "attendees", OnlyInt: true, Min: types.Pointer(0.0)},
			&core.NumberField{Name: "fee", Min: types.Pointer(0.0)},
			&core.BoolField{Name: "paid"},
			&core.BoolField{Name: "public", Help: "Shown on the town calendar, without personal details."},
			&core.TextField{Name: "decision_note", Max: 1000, Help: "Reason for a decline, sent to the resident."},
		)
		c.AddIndex("idx_reservations_facility_time", false, "facility, starts, ends", "")
	})
}
