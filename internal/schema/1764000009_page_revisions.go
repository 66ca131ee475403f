package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Page revisions record every save of a page: who, when and what.
func init() {
	createCollection("page_revisions", func(c *core.Collection) {
		c.Fields.Add(
			&core.RelationField{Name: "page", Required: true, MaxSelect: 1, CollectionId: "pages", CascadeDelete: true, Presentable: true},
			&core.RelationField{Name: "author", MaxSelect: 1, CollectionId: "users"},
			&core.TextField{Name: "author_name", Max: 120, Help: "Who saved it, or \"import\" for files."},
			&core.TextField{Name: "title", Max: 200},
			&core.TextField{Name: "summary", Max: 400},
			&core.TextField{Name: "body", Max: 200_000},
			&core.TextField{Name: "note", Max: 300},
		)
		c.AddIndex("idx_page_revisions_page", false, "page, created", "")
	})
}
