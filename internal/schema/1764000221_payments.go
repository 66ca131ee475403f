package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// A payment is money for one item (a reservation, a registration, a
// request's fee or a water account), online through Stripe Checkout or at
// the counter. Only the payments domain writes it; the clerk reads it on
// the desk.
func init() {
	createCollection("payments", func(c *core.Collection) {
		zero := types.Pointer(0.0)
		c.Fields.Add(
			&core.SelectField{Name: "kind", Required: true, MaxSelect: 1, Values: []string{"reservation", "registration", "request", "water"}},
			&core.TextField{Name: "item", Required: true, Max: 40, Help: "Id of the reservation, registration, request or water account."},
			&core.TextField{Name: "label", Max: 300, Presentable: true, Help: "What was paid for, as the receipt says it."},
			&core.NumberField{Name: "amount", Required: true, Min: zero, Help: "In dollars."},
			&core.TextField{Name: "currency", Max: 3},
			&core.SelectField{Name: "state", Required: true, MaxSelect: 1, Values: []string{"open", "paid", "expired", "refunded"},
				Help: "open: sent to Stripe, not paid yet. paid: received. expired: left unpaid. refunded: all or part given back (see refunded)."},
			&core.SelectField{Name: "method", Required: true, MaxSelect: 1, Values: []string{"stripe", "cash", "check"}},
			&core.TextField{Name: "receipt_number", Max: 60, Help: "The counter's receipt number, for cash and checks."},
			&core.TextField{Name: "session_id", Max: 255, Help: "Stripe Checkout session."},
			&core.TextField{Name: "payment_intent", Max: 255},
			&core.TextField{Name: "event_id", Max: 255, Help: "The Stripe event that marked it paid."},
			&core.NumberField{Name: "refunded", Min: zero, Help: "Dollars given back."},
			&core.TextField{Name: "refund_id", Max: 255},
			&core.RelationField{Name: "payer", MaxSelect: 1, CollectionId: "users"},
			&core.TextField{Name: "payer_name", Max: 200},
			&core.EmailField{Name: "payer_email"},
			&core.TextField{Name: "language", Max: 10, Pattern: languagePattern},
			&core.TextField{Name: "recorded_by", Max: 200, Help: "The clerk who took a counter payment or a refund."},
			&core.DateField{Name: "paid_at"},
			&core.DateField{Name: "refunded_at"},
		)
		c.AddIndex("idx_payments_session", true, "session_id", "session_id != ''")
		c.AddIndex("idx_payments_event", true, "event_id", "event_id != ''")
		c.AddIndex("idx_payments_item", false, "kind, item", "")
		c.AddIndex("idx_payments_state_paid", false, "state, paid_at", "")
	})
}
