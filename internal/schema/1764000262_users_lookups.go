package schema

import "github.com/pocketbase/pocketbase/core"

// Accounts are found by role and by email without reading them all: a
// town has a handful of staff and tens of thousands of residents.
//   - Staff by role: to tell them of a new request, for the desk's assignee
//     lists and the staff digest. Each new request read every account
//     (14 ms of a 50,000-resident town's storm-day submission).
//   - Anyone by email: an email to the town finds its sender this way, and
//     so does signing in. PocketBase's own unique index on email is partial
//     (it leaves out empty emails), which SQLite cannot use for `email = ?`, so each
//     lookup read every account (26 ms an email).
func init() {
	alterCollection("users", func(c *core.Collection) {
		c.AddIndex("idx_users_role", false, "role", "")
		c.AddIndex("idx_users_email", false, "email", "")
	}, func(c *core.Collection) {
		c.RemoveIndex("idx_users_role")
		c.RemoveIndex("idx_users_email")
	})
}
