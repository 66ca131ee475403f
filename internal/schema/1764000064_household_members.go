package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Household members are the people a resident signs up for programs,
// usually their children. Only the resident sees them.
func init() {
	createCollection("household_members", func(c *core.Collection) {
		readable(c, ownRule("resident"))
		c.Fields.Add(
			owner("resident"),
			label("name", 120, ""),
			&core.DateField{Name: "birthdate", Required: true, Help: "Only the date counts; checks the ages of a session."},
		)
		c.AddIndex("idx_household_members_resident", false, "resident", "")
	})
}
