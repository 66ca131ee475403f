package payments_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/payments/paymentstest"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// A booking's Pay opens a Checkout session on Stripe (the mock), recorded
// as an open payment under the session's id; the item is not paid yet.
func TestCheckoutOpensSession(t *testing.T) {
	en, r, p := openCheckout(t)
	if !strings.HasPrefix(p.GetString("session_id"), "cs_") || p.GetString("state") != payments.StateOpen || p.GetFloat("amount") != 40 {
		t.Fatalf("after Pay: %s, amount %v; want an open $40 payment with Stripe's session id", paymentstest.Describe(p), p.GetFloat("amount"))
	}
	if reload(t, en.app, r).GetBool("paid") {
		t.Error("the booking is marked paid before Stripe said so")
	}
	if n := receipts(t, en.app, p); n != 0 {
		t.Errorf("%d receipts before payment", n)
	}
}

// The same signed checkout.session.completed sent twice (and a second
// event about the same session) marks the booking paid once and queues one
// receipt.
func TestWebhookMarksPaidOnce(t *testing.T) {
	en, r, p := openCheckout(t)
	body, sig := paymentstest.CompletedEvent(t, paymentstest.WebhookSecret, "evt_first", p.GetString("session_id"), "pi_first")
	for range 2 {
		if err := en.pay.HandleWebhook(en.app, body, sig); err != nil {
			t.Fatalf("webhook: %v", err)
		}
	}
	again, sig2 := paymentstest.CompletedEvent(t, paymentstest.WebhookSecret, "evt_second", p.GetString("session_id"), "pi_second")
	if err := en.pay.HandleWebhook(en.app, again, sig2); err != nil {
		t.Fatalf("webhook: %v", err)
	}
	p = reload(t, en.app, p)
	if p.GetString("state") != payments.StatePaid || p.GetString("event_id") != "evt_first" || p.GetString("payment_intent") != "pi_first" {
		t.Errorf("after the events: %s, event %q, intent %q; want paid once, by evt_first", paymentstest.Describe(p),
			p.GetString("event_id"), p.GetString("payment_intent"))
	}
	if !reload(t, en.app, r).GetBool("paid") {
		t.Error("the booking is not marked paid")
	}
	if n := receipts(t, en.app, p); n != 1 {
		t.Errorf("%d receipts queued, want 1", n)
	}
	if n := schematest.Count(t, en.app, payments.Payments); n != 1 {
		t.Errorf("%d payments, want 1", n)
	}
}

// An event signed with another secret, or not signed, is refused and
// changes nothing.
func TestWebhookBadSignature(t *testing.T) {
	en, r, p := openCheckout(t)
	body, sig := paymentstest.CompletedEvent(t, "whsec_someone_else", "evt_forged", p.GetString("session_id"), "pi_forged")
	for _, s := range []string{sig, ""} {
		if err := en.pay.HandleWebhook(en.app, body, s); !errors.Is(err, payments.ErrSignature) {
			t.Errorf("signature %q: error %v, want ErrSignature", s, err)
		}
	}
	if got := reload(t, en.app, p); got.GetString("state") != payments.StateOpen || reload(t, en.app, r).GetBool("paid") {
		t.Errorf("a forged event changed %s", paymentstest.Describe(got))
	}
	if n := receipts(t, en.app, p); n != 0 {
		t.Errorf("%d receipts after a forged event", n)
	}
}

// A payment whose webhook never came is recorded when the reconcile job
// asks Stripe about the open session: stripe-mock's session is open and
// unpaid, so nothing changes; a Stripe that says the session is complete
// and paid marks the booking paid and queues the receipt, once.
func TestReconcileRecordsLostWebhook(t *testing.T) {
	en, r, p := openCheckout(t)
	if n, err := en.pay.Reconcile(en.app); err != nil || n != 0 {
		t.Fatalf("reconcile against an open session: %d paid, %v", n, err)
	}
	var asked []string
	stripe := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		asked = append(asked, req.Method+" "+req.URL.Path)
		id := strings.TrimPrefix(req.URL.Path, "/v1/checkout/sessions/")
		err := json.NewEncoder(w).Encode(map[string]any{"id": id, "object": "checkout.session", "status": "complete",
			"payment_status": "paid", "payment_intent": "pi_reconciled"})
		if err != nil {
			t.Error(err)
		}
	}))
	defer stripe.Close()
	s, err := en.app.FindFirstRecordByFilter("payment_settings", "")
	if err != nil {
		t.Fatal(err)
	}
	s.Set("stripe_api_base", stripe.URL)
	if err := en.app.Save(s); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := en.pay.Reconcile(en.app); err != nil {
			t.Fatalf("reconcile: %v", err)
		}
	}
	if want := "GET /v1/checkout/sessions/" + p.GetString("session_id"); len(asked) != 1 || asked[0] != want {
		t.Errorf("asked Stripe %q, want once %q (a paid session is not asked again)", asked, want)
	}
	p = reload(t, en.app, p)
	if p.GetString("state") != payments.StatePaid || p.GetString("payment_intent") != "pi_reconciled" || !reload(t, en.app, r).GetBool("paid") {
		t.Errorf("after reconcile: %s", paymentstest.Describe(p))
	}
	if n := receipts(t, en.app, p); n != 1 {
		t.Errorf("%d receipts, want 1", n)
	}
}
