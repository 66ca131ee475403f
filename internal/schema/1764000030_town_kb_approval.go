package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// The town decides whether volunteers publish knowledge-base pages directly
// or send them to the clerk for approval first.
func init() {
	migrations.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("town")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.BoolField{Name: "kb_approval",
			Help: "Knowledge-base changes need your approval before they are published. Approve one in Page revisions: " +
				"change its status from pending to published (or to rejected)."})
		return app.Save(c)
	}, nil)
}
