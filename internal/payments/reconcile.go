package payments

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/stripe/stripe-go/v82"
)

// Reconcile asks Stripe about every session still open, so that a payment
// whose webhook was lost is recorded all the same (and one left unpaid
// past its expiry is closed). It returns how many it marked paid.
func (d *Domain) Reconcile(app core.App) (int, error) {
	s, err := LoadSettings(app)
	if err != nil || !s.Online() {
		return 0, err
	}
	open, err := app.FindRecordsByFilter(Payments, "state = 'open' && method = 'stripe' && session_id != ''", "created", 500, 0)
	if err != nil {
		return 0, fmt.Errorf("find open payments: %w", err)
	}
	client, n := s.client(), 0
	for _, p := range open {
		ok, err := d.Sync(app, client, p.GetString("session_id"))
		if err != nil {
			return n, err
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// SyncSession asks Stripe about one session (the receipt page does, so a
// resident back from paying sees it paid before the webhook arrives).
func (d *Domain) SyncSession(app core.App, sessionID string) (bool, error) {
	s, err := LoadSettings(app)
	if err != nil || !s.Online() {
		return false, err
	}
	return d.Sync(app, s.client(), sessionID)
}

// Sync applies what Stripe says of one session.
func (d *Domain) Sync(app core.App, client *stripe.Client, sessionID string) (bool, error) {
	ctx, cancel := d.ctx()
	defer cancel()
	cs, err := client.V1CheckoutSessions.Retrieve(ctx, sessionID, nil)
	if err != nil {
		return false, fmt.Errorf("ask stripe about session %s: %w", sessionID, err)
	}
	switch {
	case cs.Status == stripe.CheckoutSessionStatusComplete && cs.PaymentStatus == stripe.CheckoutSessionPaymentStatusPaid:
		return d.settle(app, sessionID, intentID(cs), "")
	case cs.Status == stripe.CheckoutSessionStatusExpired:
		return false, expire(app, sessionID)
	}
	return false, nil
}
