package payments_test

import (
	"errors"
	"testing"

	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/payments/paymentstest"
)

// Cash at the counter needs a receipt number; with one, the booking is
// paid and the resident gets the same receipt as online. Offline payments
// work with no Stripe keys at all.
func TestCounterPayment(t *testing.T) {
	en := newEnv(t, false, "", 0, 0)
	r := en.booking(t, 30)
	c := payments.Counter{Kind: payments.KindReservation, Ref: r.Id, Method: payments.MethodCash, By: "clerk@aldercreek.example"}
	_, err := en.pay.RecordCounter(en.app, c, "en")
	var in *payments.InputError
	if !errors.As(err, &in) || in.For("receipt") == nil {
		t.Fatalf("no receipt number: %v, want a field error on receipt", err)
	}
	if reload(t, en.app, r).GetBool("paid") {
		t.Fatal("paid without a receipt number")
	}
	c.Receipt = "A-1042"
	p, err := en.pay.RecordCounter(en.app, c, "en")
	if err != nil {
		t.Fatal(err)
	}
	if p.GetString("state") != payments.StatePaid || p.GetFloat("amount") != 40 || p.GetString("receipt_number") != "A-1042" || !reload(t, en.app, r).GetBool("paid") {
		t.Errorf("after cash: %s, amount %v", paymentstest.Describe(p), p.GetFloat("amount"))
	}
	if n := receipts(t, en.app, p); n != 1 {
		t.Errorf("%d receipts, want 1", n)
	}
	c.Receipt = "A-1043"
	if _, err := en.pay.RecordCounter(en.app, c, "en"); !errors.As(err, &in) || in.For("item") == nil {
		t.Errorf("paying twice: %v, want a field error on item", err)
	}
}
