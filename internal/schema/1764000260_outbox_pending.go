package schema

import "github.com/pocketbase/pocketbase/core"

// The outbox worker walks the waiting messages of each status oldest
// first (by created, then rowid: the order they were queued), a batch at a
// time. With an index on (status, created), whose entries end with the
// rowid, each batch is a seek and a short walk; without it, every batch
// sorted all the waiting messages again, so a 50,000-resident digest cost
// the square of its size.
func init() {
	alterCollection("outbox", func(c *core.Collection) {
		c.AddIndex("idx_outbox_status_created", false, "status, created", "")
	}, func(c *core.Collection) {
		c.RemoveIndex("idx_outbox_status_created")
	})
}
