package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Follows let a resident hear about a request someone else filed.
func init() {
	createCollection("follows", func(c *core.Collection) {
		readable(c, ownRule("user"))
		c.DeleteRule = rule(ownRule("user"))
		c.Fields.Add(
			&core.RelationField{Name: "request", Required: true, MaxSelect: 1, CollectionId: "requests", CascadeDelete: true, Presentable: true},
			owner("user"),
		)
		c.AddIndex("idx_follows_user_request", true, "user, request", "")
	})
}
