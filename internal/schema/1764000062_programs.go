package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Programs are what residents sign household members up for (youth
// soccer, swim lessons); each has sessions.
func init() {
	createCollection("programs", func(c *core.Collection) {
		c.ListRule = rule("active = true")
		c.ViewRule = rule("active = true")
		c.Fields.Add(
			&core.TextField{Name: "name", Required: true, Max: 120, Presentable: true},
			&core.TextField{Name: "slug", Required: true, Max: 60, Pattern: `^[a-z0-9-]+$`},
			&core.TextField{Name: "description", Max: 4000},
			&core.BoolField{Name: "active"},
			translationsField(`{"es":{"name":"Fútbol juvenil","description":"…"}}`),
		)
		c.AddIndex("idx_programs_slug", true, "slug", "")
	})
}
