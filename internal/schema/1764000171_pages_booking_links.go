package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// An article about a facility or a program links to its booking or
// registration page: front matter "facility: pavilion" or
// "program: youth-soccer", kept by slug so the content can be imported
// before the facilities exist.
func init() {
	alterCollection("pages", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "facility", Max: 60, Pattern: `^[a-z0-9-]*$`,
				Help: "Slug of the facility this page is about; adds a Book button (front matter: facility)."},
			&core.TextField{Name: "program", Max: 60, Pattern: `^[a-z0-9-]*$`,
				Help: "Slug of the program this page is about; adds a Register button (front matter: program)."},
		)
	}, removeFields("facility", "program"))
}
