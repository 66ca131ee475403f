package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Outbox messages may carry small attachments, such as a booking's .ics
// file, stored with the message so they commit and send with it.
func init() {
	alterCollection("outbox", func(c *core.Collection) {
		c.Fields.Add(&core.JSONField{Name: "attachments", MaxSize: 2_000_000,
			Help: `Files sent with the message: [{"name":"booking.ics","content_type":"text/calendar","content":"<base64>"}].`})
	}, nil)
}
