package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Page revisions hold drafts and changes waiting for approval as well as the
// published history: the page record is always what the site shows, and a
// revision holds the whole page as it was saved, so any of them can be
// restored.
func init() {
	alterCollection("page_revisions", func(c *core.Collection) {
		c.Fields.Add(
			&core.SelectField{Name: "status", MaxSelect: 1, Values: []string{"draft", "pending", "published", "rejected"},
				Help: "draft: saved, not on the site. pending: waiting for your approval; set it to published to put it on the site, " +
					"or to rejected. published: was on the site. Empty means published (older revisions and imports)."},
			&core.TextField{Name: "slug", Max: 120},
			&core.TextField{Name: "section", Max: 40},
			&core.RelationField{Name: "service", MaxSelect: 1, CollectionId: "services"},
			&core.JSONField{Name: "tags", MaxSize: 2000},
			&core.TextField{Name: "base", Max: 30, Help: "The revision the editor started from, to detect edits that cross."},
			&core.TextField{Name: "restored_from", Max: 30, Help: "Set when this revision rolls back to an earlier one."},
		)
		c.AddIndex("idx_page_revisions_status", false, "status", "")
	}, nil)
}
