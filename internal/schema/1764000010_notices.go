package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Notices are news and alerts. Published ones are public.
func init() {
	createCollection("notices", func(c *core.Collection) {
		readable(c, "published = true")
		c.Fields.Add(
			label("title", 200, ""),
			&core.TextField{Name: "body", Max: 20_000, Help: "Markdown."},
			&core.SelectField{Name: "severity", Required: true, MaxSelect: 1, Values: []string{"info", "critical"},
				Help: "critical shows a banner on every page and emails residents who want alerts."},
			&core.DateField{Name: "starts", Help: "Shown from this time; empty means now."},
			&core.DateField{Name: "ends", Help: "Hidden after this time; empty means until unpublished."},
			&core.BoolField{Name: "published"},
			translationsField(`{"es":{"title":"Aviso","body":"…"}}`),
		)
		c.AddIndex("idx_notices_published", false, "published, starts", "")
	})
}
