package payments_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/payments/paymentstest"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// paid is a booking paid online through a signed webhook.
func (en *env) paid(t *testing.T, days int) (booking, payment string) {
	t.Helper()
	r := en.booking(t, days)
	p := en.checkout(t, payments.KindReservation, r.Id)
	body, sig := paymentstest.CompletedEvent(t, paymentstest.WebhookSecret, "evt_"+r.Id, p.GetString("session_id"), "pi_"+r.Id)
	if err := en.pay.HandleWebhook(en.app, body, sig); err != nil {
		t.Fatal(err)
	}
	return r.Id, p.Id
}

// A paid booking the resident cancels inside the town's refund window is
// refunded through Stripe by the town's rule, and the refund is recorded on
// the booking and the payment, and the resident told.
func TestCancelledPaidBookingRefunds(t *testing.T) {
	for _, c := range []struct {
		rule    string
		percent float64
		want    float64
	}{{payments.RefundFull, 0, 40}, {payments.RefundPart, 50, 20}, {payments.RefundNone, 0, 0}} {
		t.Run(c.rule, func(t *testing.T) {
			en := newEnv(t, true, c.rule, 72, c.percent)
			id, pid := en.paid(t, 30)
			if _, err := en.pay.Booking.Cancel(en.app, en.resident.Id, id); err != nil {
				t.Fatalf("cancel: %v", err)
			}
			r, err := en.app.FindRecordById("reservations", id)
			if err != nil {
				t.Fatal(err)
			}
			p, err := en.app.FindRecordById(payments.Payments, pid)
			if err != nil {
				t.Fatal(err)
			}
			if r.GetFloat("refunded") != c.want || p.GetFloat("refunded") != c.want {
				t.Fatalf("refunded: booking %v, payment %v; want %v", r.GetFloat("refunded"), p.GetFloat("refunded"), c.want)
			}
			notes := schematest.Count(t, en.app, "outbox", dbx.HashExp{"kind": "payment.refund"})
			if c.want == 0 {
				if p.GetString("state") != payments.StatePaid || notes != 0 {
					t.Errorf("no refund due, yet %s, %d refund notes", paymentstest.Describe(p), notes)
				}
				return
			}
			if !strings.HasPrefix(p.GetString("refund_id"), "re_") || p.GetString("state") != payments.StateRefunded || r.GetDateTime("refunded_at").IsZero() {
				t.Errorf("refund not recorded: %s, refund id %q, booking refunded at %v", paymentstest.Describe(p), p.GetString("refund_id"), r.GetDateTime("refunded_at"))
			}
			if notes != 1 {
				t.Errorf("%d refund notes queued, want 1", notes)
			}
		})
	}
}

// The rule and window decide what comes back.
func TestRefundDue(t *testing.T) {
	start := time.Date(2026, 6, 6, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		s    payments.Settings
		at   time.Time
		want float64
	}{
		{payments.Settings{RefundRule: payments.RefundFull, RefundWindow: 48 * time.Hour}, start.Add(-49 * time.Hour), 40},
		{payments.Settings{RefundRule: payments.RefundFull, RefundWindow: 48 * time.Hour}, start.Add(-47 * time.Hour), 0},
		{payments.Settings{RefundRule: payments.RefundPart, RefundPercent: 25}, start.Add(-time.Hour), 10},
		{payments.Settings{RefundRule: payments.RefundNone}, start.Add(-100 * time.Hour), 0},
		{payments.Settings{RefundRule: payments.RefundFull}, start.Add(time.Minute), 0},
	} {
		if got := c.s.RefundDue(40, start, c.at); got != c.want {
			t.Errorf("%s, window %v, %v before the start: %v, want %v", c.s.RefundRule, c.s.RefundWindow, start.Sub(c.at), got, c.want)
		}
	}
}
