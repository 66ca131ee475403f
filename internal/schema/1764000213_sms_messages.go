package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// Every text that came in, stored before anything answers it. The
// provider's id keeps a retried webhook from being handled twice.
// Superusers only.
func init() {
	createCollection("sms_messages", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "number", Required: true, Max: 20, Presentable: true},
			&core.TextField{Name: "provider", Max: 20},
			&core.TextField{Name: "provider_id", Max: 100},
			&core.TextField{Name: "body", Max: 5000, Presentable: true},
			&core.JSONField{Name: "media", MaxSize: 10_000, Help: "Addresses of pictures sent with the text (MMS)."},
			&core.TextField{Name: "outcome", Max: 60, Help: "What the text did: report, status, answer, clerk, stop, start, help, comment, limited…"},
			&core.RelationField{Name: "request", MaxSelect: 1, CollectionId: "requests"},
		)
		c.AddIndex("idx_sms_messages_provider_id", true, "provider, provider_id", "provider_id != ''")
		c.AddIndex("idx_sms_messages_number_created", false, "number, created", "")
	})
}
