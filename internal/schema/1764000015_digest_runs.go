package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Digest runs remember which resident got which period's digest, so a rerun
// never sends a second one. Superusers only.
func init() {
	createCollection("digest_runs", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "period", Required: true, Max: 40, Presentable: true, Help: "e.g. daily:2026-11-22 or weekly:2026-W47."},
			&core.RelationField{Name: "user", MaxSelect: 1, CollectionId: "users", CascadeDelete: true},
			&core.TextField{Name: "kind", Max: 20, Help: "resident or staff."},
			&core.BoolField{Name: "sent", Help: "False when there was nothing new to say."},
		)
		c.AddIndex("idx_digest_runs_period_user", true, "period, user", "")
	})
}
