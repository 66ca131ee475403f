package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// UpdateKinds are what can happen to a request after it is filed.
var UpdateKinds = []string{"status", "comment", "note", "reopen"}

// Request updates are the timeline. Internal notes never leave the staff.
func init() {
	createCollection("request_updates", func(c *core.Collection) {
		readable(c, "kind != 'note' && request.reporter != '' && "+ownRule("request.reporter"))
		c.Fields.Add(
			&core.RelationField{Name: "request", Required: true, MaxSelect: 1, CollectionId: "requests", CascadeDelete: true},
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: UpdateKinds,
				Help: "status: a status change. comment: public, emailed to the reporter. note: internal only."},
			&core.SelectField{Name: "status", MaxSelect: 1, Values: RequestStatuses, Help: "For a status change: the new status."},
			&core.TextField{Name: "body", Max: 10_000, Presentable: true},
			&core.RelationField{Name: "author", MaxSelect: 1, CollectionId: "users"},
			&core.TextField{Name: "author_name", Max: 120, Help: "Shown publicly, e.g. Public Works."},
			&core.SelectField{Name: "channel", MaxSelect: 1, Values: RequestChannels},
		)
		c.AddIndex("idx_request_updates_request", false, "request, created", "")
	})
}
