package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Some requests are public business (a pothole), some private (a permit).
func init() {
	alterCollection("services", func(c *core.Collection) {
		c.Fields.Add(&core.BoolField{Name: "public_requests",
			Help: "Requests are listed on the public site (status and place only, never who reported)."})
	}, nil)
}
