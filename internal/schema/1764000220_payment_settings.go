package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// payment_settings is the one record of the town's online payments: the
// Stripe keys the clerk pastes in the dashboard (never in a file), the
// refund rule and the water bill's pay link. Only superusers see it.
// With no secret key there is no "Pay now" anywhere.
func init() {
	createCollection("payment_settings", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "name", Max: 100, Presentable: true, Help: "A name for this record, e.g. Stripe."},
			&core.TextField{Name: "stripe_secret_key", Max: 300, Hidden: true,
				Help: "Stripe secret key (sk_live_… or sk_test_…), from Stripe's dashboard → Developers → API keys. Empty: no Pay buttons; fees say to pay at the office."},
			&core.TextField{Name: "webhook_secret", Max: 300, Hidden: true,
				Help: "Signing secret (whsec_…) of the webhook endpoint https://<your site>/payments/stripe/webhook, event checkout.session.completed."},
			&core.URLField{Name: "stripe_api_base", Help: "Leave empty. Only for tests against a Stripe mock server."},
			&core.TextField{Name: "currency", Max: 3, Pattern: `^[a-z]{3}$`, Help: "Three-letter currency code, lower case (usd)."},
			&core.NumberField{Name: "refund_window_hours", OnlyInt: true, Min: types.Pointer(0.0),
				Help: "A paid booking cancelled at least this many hours before it starts is refunded by the rule below (0: any time before it starts)."},
			&core.SelectField{Name: "refund_rule", MaxSelect: 1, Values: []string{"full", "part", "none"},
				Help: "full: the whole fee back. part: the share below. none: no refunds online (the clerk may still refund from the desk)."},
			&core.NumberField{Name: "refund_percent", Min: types.Pointer(0.0), Max: types.Pointer(100.0),
				Help: "For the part rule: the share of the fee refunded, in percent."},
			&core.URLField{Name: "bill_pay_url", Help: "The town's existing water-bill payment site. Set: residents' Pay goes there. Empty: they pay the balance through Stripe."},
		)
	})
}
