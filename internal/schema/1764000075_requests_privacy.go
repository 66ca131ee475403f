package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// What staff publish of a request. The public sees a request's description
// masked (no phone numbers, emails or house numbers) and none at all when it
// came by email or text message, and its address only to the street, until
// staff write here what may be shown. Photos become protected files: the
// site serves them to the public only for public requests, and otherwise to
// the reporter and staff (see internal/web/request_photo.go).
func init() {
	alterCollection("requests", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "published_description", Max: 4000,
				Help: "What the public may read of the description. Empty: descriptions from email and text messages are not shown; others are shown with phone numbers, emails and house numbers hidden. Copy only what concerns the problem, never a signature."},
			&core.TextField{Name: "published_address", Max: 300,
				Help: "The location as the public may read it, shown word for word. Empty: the address is shown without its house number (31 Mill Street shows as Mill Street)."},
		)
		if f, ok := c.Fields.GetByName("photos").(*core.FileField); ok {
			f.Protected = true
		}
	}, func(c *core.Collection) {
		removeFields("published_description", "published_address")(c)
		if f, ok := c.Fields.GetByName("photos").(*core.FileField); ok {
			f.Protected = false
		}
	})
}
