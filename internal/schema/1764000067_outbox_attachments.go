package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Outbox messages may carry small attachments, such as a booking's .ics
// file, stored with the message so they commit and send with it.
func init() {
	migrations.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("outbox")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.JSONField{Name: "attachments", MaxSize: 2_000_000,
			Help: `Files sent with the message: [{"name":"booking.ics","content_type":"text/calendar","content":"<base64>"}].`})
		return app.Save(c)
	}, nil)
}
