package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// calendar_key is mixed into the signature of a resident's private
// calendar-feed link; changing it turns off every link given out before.
func init() {
	alterCollection("users", func(c *core.Collection) {
		c.Fields.Add(&core.TextField{Name: "calendar_key", Hidden: true, Max: 64,
			Help: "Secret part of the resident's calendar-feed link. Empty it to turn the old link off."})
	}, nil)
}
