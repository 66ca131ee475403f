package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// The outbox sends text messages too: the recipient becomes plain text (an
// email address or a phone number, by channel), and a text keeps the
// provider's id for its status callbacks and its delivery status. A field's
// type cannot change, so the address moves through a new text field.
func init() {
	migrations.Register(steps(
		alter("outbox", func(c *core.Collection) { c.Fields.Add(&core.TextField{Name: "to_text", Required: true, Max: 320}) }),
		exec("UPDATE {{outbox}} SET [[to_text]] = [[to]]"),
		alter("outbox", removeFields("to")),
		alter("outbox", func(c *core.Collection) {
			f := c.Fields.GetByName("to_text").(*core.TextField)
			f.Name, f.Help = "to", "An email address (channel email) or a phone number as +15551234567 (channel sms)."
			if ch, ok := c.Fields.GetByName("channel").(*core.SelectField); ok {
				ch.Values = []string{"email", "sms"}
				ch.Help = "How the message leaves: email, or sms (a text through the provider in sms_settings). Empty is email."
			}
			c.Fields.Add(
				&core.TextField{Name: "provider_id", Max: 100, Help: "The provider's id of a text, which its status reports name."},
				&core.TextField{Name: "delivery", Max: 40, Help: "What the provider last said of a text: queued, sent, delivered, undelivered, failed."},
			)
			c.AddIndex("idx_outbox_provider_id", false, "provider_id", "provider_id != ''")
			c.AddIndex("idx_outbox_channel_sent", false, "channel, sent_at", "")
		}),
	), nil)
}
