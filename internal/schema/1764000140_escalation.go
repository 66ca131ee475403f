package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Escalation: a request past its due date is escalated once, to its
// department's lead, or to the clerk when the department has none.
func init() {
	migrations.Register(steps(
		alter("departments", func(c *core.Collection) {
			c.Fields.Add(&core.RelationField{Name: "lead", CollectionId: "users", MaxSelect: 1,
				Help: "The staff member told when one of the department's requests is past its due date; empty means the clerk."})
		}),
		alter("requests", func(c *core.Collection) {
			c.Fields.Add(
				&core.DateField{Name: "escalated_at", Help: "When the request, past its due date, was escalated. Set once, by the scheduler."},
				&core.RelationField{Name: "escalated_to", CollectionId: "users", MaxSelect: 1, Help: "The department lead it was escalated to; empty means the clerk."},
			)
		}),
	), steps(
		alter("requests", removeFields("escalated_at", "escalated_to")),
		alter("departments", removeFields("lead")),
	))
}
