package payments_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/payments/paymentstest"
)

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
