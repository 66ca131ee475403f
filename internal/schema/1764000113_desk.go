package schema

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// noDepartments keeps anyone but the clerk from setting a user's departments.
const noDepartments = " && @request.body.departments:isset = false"

// RequestPriorities are how urgent the staff judge a request to be.
var RequestPriorities = []string{"low", "normal", "high", "urgent"}

// The staff desk: requests get an assignee and a priority, staff members can
// cover more than one department, and the queue's orderings are indexed so
// a page of it costs the same with 100,000 requests as with 100.
func init() {
	migrations.Register(steps(
		alter("users", func(c *core.Collection) {
			c.Fields.Add(&core.RelationField{Name: "departments", CollectionId: "departments", MaxSelect: 50,
				Help: "For staff: more departments whose requests they see on the desk. Only the clerk can change this."})
			// Residents never give themselves departments, as they never give
			// themselves a role or a department.
			for _, r := range []**string{&c.CreateRule, &c.UpdateRule} {
				if *r != nil && !strings.Contains(**r, noDepartments) {
					*r = rule(**r + noDepartments)
				}
			}
		}),
		alter("requests", func(c *core.Collection) {
			c.Fields.Add(
				&core.RelationField{Name: "assignee", CollectionId: "users", MaxSelect: 1, Help: "The staff member working on it."},
				&core.SelectField{Name: "priority", MaxSelect: 1, Values: RequestPriorities, Help: "Empty means normal."},
			)
			c.AddIndex("idx_requests_desk_created", false, "created, id", "")
			c.AddIndex("idx_requests_desk_department", false, "department, created, id", "")
			// The status index grows to cover the queue's tab counts (one pass,
			// no table reads); every query it served before it still serves.
			c.AddIndex("idx_requests_status", false, "status, department, due, assignee", "")
		}),
	), steps(
		alter("requests", func(c *core.Collection) {
			for _, idx := range []string{"idx_requests_desk_created", "idx_requests_desk_department"} {
				c.RemoveIndex(idx)
			}
			c.AddIndex("idx_requests_status", false, "status, department", "")
			removeFields("assignee", "priority")(c)
		}),
		alter("users", func(c *core.Collection) {
			c.Fields.RemoveByName("departments")
			for _, r := range []**string{&c.CreateRule, &c.UpdateRule} {
				if *r != nil {
					*r = rule(strings.TrimSuffix(**r, noDepartments))
				}
			}
		}),
	))
}
