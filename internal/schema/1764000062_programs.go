package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Programs are what residents sign household members up for (youth
// soccer, swim lessons); each has sessions.
func init() {
	createCollection("programs", func(c *core.Collection) {
		readable(c, "active = true")
		c.Fields.Add(
			label("name", 120, ""),
			slug(),
			&core.TextField{Name: "description", Max: 4000},
			&core.BoolField{Name: "active"},
			translationsField(`{"es":{"name":"Fútbol juvenil","description":"…"}}`),
		)
		c.AddIndex("idx_programs_slug", true, "slug", "")
	})
}
