package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// OutboxRetentionDays is how long sent messages are kept when the town
// does not say.
const OutboxRetentionDays = 30

// The outbox would otherwise only grow (a daily digest for 50,000
// residents adds about 220 MB a day). The clerk sets how long sent
// messages are kept; after that, a message about a request keeps only its
// recipient, subject and delivery state (the request's timeline shows
// them) and every other sent message is removed. An index on sent_at lets
// the nightly pass find them without reading the outbox.
func init() {
	migrations.Register(steps(
		alter("town", func(c *core.Collection) {
			c.Fields.Add(&core.NumberField{Name: "outbox_retention_days", OnlyInt: true, Min: types.Pointer(0.0),
				Help: "Sent emails are kept this many days (empty or 0: 30). After that, an email about a request keeps only " +
					"who it went to, its subject and that it was sent, shown on the request's timeline; other sent emails are removed."})
		}),
		alter("outbox", func(c *core.Collection) { c.AddIndex("idx_outbox_status_sent", false, "status, sent_at", "") }),
	), steps(
		alter("outbox", func(c *core.Collection) { c.RemoveIndex("idx_outbox_status_sent") }),
		alter("town", removeFields("outbox_retention_days")),
	))
}
