package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// A page's version counts its saves. The editor's form carries the version
// it opened, and a save from an older one is a conflict: two saves in the
// same millisecond have the same updated time, never the same version. The
// kb package increments it on every save, whichever way the page is saved.
func init() {
	migrations.Register(steps(
		alter("pages", func(c *core.Collection) {
			c.Fields.Add(&core.NumberField{Name: "version", OnlyInt: true, Min: types.Pointer(0.0),
				Help: "Counts the saves of this page, to catch two people saving at once; set automatically."})
		}),
		exec("UPDATE pages SET version = 1"),
	), alter("pages", removeFields("version")))
}
