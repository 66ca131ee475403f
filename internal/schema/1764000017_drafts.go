package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Drafts keep a resident's unfinished request form.
func init() {
	createCollection("drafts", func(c *core.Collection) {
		own := "user = @request.auth.id"
		c.ListRule = rule(own)
		c.ViewRule = rule(own)
		c.DeleteRule = rule(own)
		c.Fields.Add(
			&core.RelationField{Name: "user", Required: true, MaxSelect: 1, CollectionId: "users", CascadeDelete: true},
			&core.RelationField{Name: "service", Required: true, MaxSelect: 1, CollectionId: "services", Presentable: true},
			&core.JSONField{Name: "data", MaxSize: 200_000, Help: "What the resident has typed so far."},
		)
		c.AddIndex("idx_drafts_user_service", true, "user, service", "")
	})
}
