package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Pages are the knowledge base, one record per language. Published pages are
// public; the rendered HTML is a cache kept by the kb package.
func init() {
	createCollection("pages", func(c *core.Collection) {
		readable(c, "published = true")
		c.Fields.Add(
			label("title", 200, ""),
			&core.TextField{Name: "slug", Required: true, Max: 120, Pattern: `^[a-z0-9]+(-[a-z0-9]+)*$`, Help: "The last part of the page's address."},
			&core.TextField{Name: "language", Required: true, Max: 10, Pattern: languagePattern},
			&core.TextField{Name: "section", Required: true, Max: 40, Pattern: `^[a-z0-9-]+$`, Help: "waste, water, streets, permits, recreation, records, taxes, government…"},
			&core.TextField{Name: "summary", Max: 400, Help: "One sentence shown in lists and search results."},
			&core.TextField{Name: "body", Max: 200_000, Help: "Markdown."},
			&core.TextField{Name: "html", Max: 1_000_000, Hidden: true, Help: "Rendered from the body when saved; do not edit."},
			&core.RelationField{Name: "service", MaxSelect: 1, CollectionId: "services", Help: "The service this page helps with; adds a Request button."},
			&core.JSONField{Name: "tags", MaxSize: 2000},
			&core.TextField{Name: "translation_key", Max: 120, Help: "Pages with the same key are translations of one another."},
			&core.DateField{Name: "revised", Help: "When the content was last checked (front matter: updated)."},
			&core.BoolField{Name: "published"},
		)
		c.AddIndex("idx_pages_language_slug", true, "language, slug", "")
		c.AddIndex("idx_pages_translation_key", false, "translation_key", "")
	})
}
