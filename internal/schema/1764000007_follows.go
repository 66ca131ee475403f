package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Follows let a resident hear about a request someone else filed.
func init() {
	createCollection("follows", func(c *core.Collection) {
		own := "user = @request.auth.id"
		c.ListRule = rule(own)
		c.ViewRule = rule(own)
		c.DeleteRule = rule(own)
		c.Fields.Add(
			&core.RelationField{Name: "request", Required: true, MaxSelect: 1, CollectionId: "requests", CascadeDelete: true, Presentable: true},
			&core.RelationField{Name: "user", Required: true, MaxSelect: 1, CollectionId: "users", CascadeDelete: true},
		)
		c.AddIndex("idx_follows_user_request", true, "user, request", "")
	})
}
