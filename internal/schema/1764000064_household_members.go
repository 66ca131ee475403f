package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Household members are the people a resident signs up for programs,
// usually their children. Only the resident sees them.
func init() {
	createCollection("household_members", func(c *core.Collection) {
		own := "resident = @request.auth.id"
		c.ListRule = rule(own)
		c.ViewRule = rule(own)
		c.Fields.Add(
			&core.RelationField{Name: "resident", Required: true, MaxSelect: 1, CollectionId: "users", CascadeDelete: true},
			&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
			&core.DateField{Name: "birthdate", Required: true, Help: "Only the date counts; checks the ages of a session."},
		)
		c.AddIndex("idx_household_members_resident", false, "resident", "")
	})
}
