package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// A registration is one household member in one program session: a place,
// or a spot on the waitlist (first come, first promoted).
func init() {
	createCollection("registrations", func(c *core.Collection) {
		readable(c, ownRule("resident"))
		c.Fields.Add(
			&core.RelationField{Name: "session", Required: true, MaxSelect: 1, CollectionId: "program_sessions", CascadeDelete: true, Presentable: true},
			&core.RelationField{Name: "member", Required: true, MaxSelect: 1, CollectionId: "household_members", CascadeDelete: true, Presentable: true},
			owner("resident"),
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"registered", "waitlisted", "cancelled"},
				Help: "Cancelling a registered place gives it to the first person on the waitlist, who is told by email."},
			&core.NumberField{Name: "fee", Min: types.Pointer(0.0)},
			&core.BoolField{Name: "paid"},
			&core.TextField{Name: "language", Max: 10, Pattern: languagePattern},
			&core.DateField{Name: "promoted_at", Help: "When a waitlisted registration got a place."},
			&core.DateField{Name: "cancelled_at"},
		)
		c.AddIndex("idx_registrations_active_member", true, "session, member", "status != 'cancelled'")
		c.AddIndex("idx_registrations_session_status", false, "session, status, created", "")
	})
}
