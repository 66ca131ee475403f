package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// The town decides whether volunteers publish knowledge-base pages directly
// or send them to the clerk for approval first.
func init() {
	alterCollection("town", func(c *core.Collection) {
		c.Fields.Add(&core.BoolField{Name: "kb_approval",
			Help: "Knowledge-base changes need your approval before they are published. Approve one in Page revisions: " +
				"change its status from pending to published (or to rejected)."})
	}, nil)
}
