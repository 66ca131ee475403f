package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// The outbox is every email that leaves, stored before it is sent.
// Superusers only: it holds residents' addresses and messages.
func init() {
	createCollection("outbox", func(c *core.Collection) {
		c.Fields.Add(
			&core.EmailField{Name: "to", Required: true},
			&core.TextField{Name: "to_name", Max: 120},
			&core.TextField{Name: "subject", Required: true, Max: 300, Presentable: true},
			&core.TextField{Name: "text", Max: 500_000},
			&core.TextField{Name: "html", Max: 1_000_000},
			&core.JSONField{Name: "headers", MaxSize: 20_000, Help: "Extra headers such as Reply-To and List-Unsubscribe."},
			&core.SelectField{Name: "status", Required: true, MaxSelect: 1, Values: []string{"queued", "held", "sending", "sent", "failed"},
				Help: "held: waiting for mail settings (see error). failed: gave up after many attempts."},
			&core.NumberField{Name: "attempts", OnlyInt: true, Min: types.Pointer(0.0)},
			&core.DateField{Name: "next_attempt"},
			&core.TextField{Name: "error", Max: 2000, Help: "Why the last attempt did not send."},
			&core.TextField{Name: "dedupe_key", Required: true, Max: 300, Help: "The same key is never queued twice."},
			&core.TextField{Name: "kind", Max: 40},
			&core.TextField{Name: "language", Max: 10},
			&core.DateField{Name: "sent_at"},
		)
		c.AddIndex("idx_outbox_dedupe_key", true, "dedupe_key", "")
		c.AddIndex("idx_outbox_status_next", false, "status, next_attempt", "")
	})
}
