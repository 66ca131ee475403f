package schema

import "github.com/pocketbase/pocketbase/core"

// Staff are found among the users by role: to tell them of a new request,
// for the desk's assignee lists and the staff digest. A town has a handful
// of staff and tens of thousands of residents, so without this index each
// new request read every account (14 ms of a 50,000-resident town's
// storm-day submission).
func init() {
	alterCollection("users", func(c *core.Collection) {
		c.AddIndex("idx_users_role", false, "role", "")
	}, func(c *core.Collection) {
		c.RemoveIndex("idx_users_role")
	})
}
