package payments

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/stripe/stripe-go/v82"
)

// Payer is who pays online: their account, name, address and language
// (Stripe's page and the receipt use it).
type Payer struct{ ID, Name, Email, Lang string }

// Checkout opens a Stripe Checkout session for the item and records an open
// payment under its id; the resident goes to the returned address and
// comes back to returnURL (with ?session_id=…) or cancelURL. A second Pay
// opens a new session: the first one expires unpaid.
func (d *Domain) Checkout(app core.App, it *Item, p Payer, returnURL, cancelURL string) (string, error) {
	s, err := LoadSettings(app)
	if err != nil {
		return "", err
	}
	if !s.Online() {
		return "", ErrOffline
	}
	if !it.Payable() {
		return "", ErrNotPayable
	}
	params := &stripe.CheckoutSessionCreateParams{
		Mode:              stripe.String(string(stripe.CheckoutSessionModePayment)),
		SuccessURL:        stripe.String(returnURL + "?session_id={CHECKOUT_SESSION_ID}"),
		CancelURL:         stripe.String(cancelURL),
		ClientReferenceID: stripe.String(it.Kind + ":" + it.ID),
		Locale:            stripe.String(stripeLocale(p.Lang)),
		LineItems: []*stripe.CheckoutSessionCreateLineItemParams{{
			Quantity: stripe.Int64(1),
			PriceData: &stripe.CheckoutSessionCreateLineItemPriceDataParams{
				Currency:    stripe.String(s.Currency),
				UnitAmount:  stripe.Int64(cents(it.Amount)),
				ProductData: &stripe.CheckoutSessionCreateLineItemPriceDataProductDataParams{Name: stripe.String(it.Label)},
			},
		}},
	}
	params.AddMetadata("kind", it.Kind)
	params.AddMetadata("item", it.ID)
	if p.Email != "" {
		params.CustomerEmail = stripe.String(p.Email)
	}
	ctx, cancel := d.ctx()
	defer cancel()
	sess, err := s.client().V1CheckoutSessions.Create(ctx, params)
	if err != nil {
		return "", fmt.Errorf("create checkout session: %w", err)
	}
	rec, err := newPayment(app, it, p, MethodStripe)
	if err != nil {
		return "", err
	}
	rec.Set("currency", s.Currency)
	rec.Set("session_id", sess.ID)
	if err := app.Save(rec); err != nil {
		return "", fmt.Errorf("record open payment: %w", err)
	}
	return sess.URL, nil
}

// newPayment is an unsaved open payment of it by p.
func newPayment(app core.App, it *Item, p Payer, method string) (*core.Record, error) {
	col, err := app.FindCollectionByNameOrId(Payments)
	if err != nil {
		return nil, fmt.Errorf("find payments: %w", err)
	}
	rec := core.NewRecord(col)
	rec.Load(map[string]any{"kind": it.Kind, "item": it.ID, "label": it.Label, "amount": it.Amount, "state": StateOpen,
		"method": method, "payer": p.ID, "payer_name": p.Name, "payer_email": p.Email, "language": p.Lang, "currency": "usd"})
	return rec, nil
}

// stripeLocale is the language of Stripe's page; "auto" for a language it
// may not know.
func stripeLocale(lang string) string {
	switch lang {
	case "en", "es", "fr", "de", "it", "pt", "nl", "ja", "zh":
		return lang
	}
	return "auto"
}
