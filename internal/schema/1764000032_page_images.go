package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Page images are pictures volunteers upload for knowledge-base pages. The
// files are public (pages link to them); the records are for the clerk only.
func init() {
	createCollection("page_images", func(c *core.Collection) {
		c.Fields.Add(
			&core.FileField{Name: "file", Required: true, MaxSelect: 1, MaxSize: 5 << 20, // kb.ImageMaxSize
				MimeTypes: []string{"image/jpeg", "image/png", "image/webp", "image/gif"}},
			&core.TextField{Name: "alt", Required: true, Max: 300, Presentable: true,
				Help: "What the image shows, for people who cannot see it."},
			&core.RelationField{Name: "page", MaxSelect: 1, CollectionId: "pages", CascadeDelete: true},
			&core.RelationField{Name: "author", MaxSelect: 1, CollectionId: "users"},
		)
		c.AddIndex("idx_page_images_page", false, "page", "")
	})
}
