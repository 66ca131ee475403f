package schema

import "github.com/pocketbase/pocketbase/core"

// The public list's "open" filter (and Open311's status=open) read a
// partial index of the open requests alone. On the full list index they
// walked past every closed request to find the open ones, and a town's
// requests are nearly all closed: counting the first thousand open ones
// read tens of thousands of entries. The filter must be written as
// requests.StatusCond writes it for SQLite to use this index.
func init() {
	alterCollection("requests", func(c *core.Collection) {
		c.AddIndex("idx_requests_public_open", false, "public, created, number, status, service",
			"status NOT IN ('resolved', 'closed')")
	}, func(c *core.Collection) {
		c.RemoveIndex("idx_requests_public_open")
	})
}
