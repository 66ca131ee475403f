package schema

import "github.com/pocketbase/pocketbase/core"

// The public request list and Open311's requests.json read public requests
// newest first, by date range, status and service. This index holds all of
// that in its order: a page, or a 90-day window, is an index range walked
// from one end (no sort, no table scan), and the status and service filters
// are checked in the index before a row is read, so a page costs the same
// with a million requests as with a thousand.
func init() {
	alterCollection("requests", func(c *core.Collection) {
		c.AddIndex("idx_requests_public_list", false, "public, created, number, status, service", "")
	}, func(c *core.Collection) {
		c.RemoveIndex("idx_requests_public_list")
	})
}
