package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Departments are public directory entries; a service belongs to one.
func init() {
	createCollection("departments", func(c *core.Collection) {
		readable(c, "")
		c.Fields.Add(
			label("name", 120, ""),
			slug(),
			&core.TextField{Name: "description", Max: 2000},
			&core.EmailField{Name: "email"},
			&core.TextField{Name: "phone", Max: 40},
			&core.TextField{Name: "location", Max: 200, Help: "Where residents find the department, e.g. Town Hall, first floor."},
			&core.TextField{Name: "hours", Max: 300, Help: "Opening hours in words, if different from the town's office hours."},
			&core.NumberField{Name: "sort", OnlyInt: true, Min: types.Pointer(0.0), Help: "Lower numbers are listed first."},
			translationsField(`{"es":{"name":"Obras Públicas","description":"…","hours":"…"}}`),
		)
		c.AddIndex("idx_departments_slug", true, "slug", "")
	})
}
