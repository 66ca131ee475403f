package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Drafts keep a resident's unfinished request form.
func init() {
	createCollection("drafts", func(c *core.Collection) {
		readable(c, ownRule("user"))
		c.DeleteRule = rule(ownRule("user"))
		c.Fields.Add(
			owner("user"),
			&core.RelationField{Name: "service", Required: true, MaxSelect: 1, CollectionId: "services", Presentable: true},
			&core.JSONField{Name: "data", MaxSize: 200_000, Help: "What the resident has typed so far."},
		)
		c.AddIndex("idx_drafts_user_service", true, "user, service", "")
	})
}
