package web_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/payments/paymentstest"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// pavilionBooking is a $40, two-hour pavilion booking of the demo resident
// from start, in status.
func pavilionBooking(t *testing.T, app core.App, start time.Time, status string) *core.Record {
	t.Helper()
	pav, err := app.FindFirstRecordByData("facilities", "slug", "pavilion")
	if err != nil {
		t.Fatal(err)
	}
	return schematest.Create(t, app, "reservations", map[string]any{"facility": pav.Id, "resident": demoResident(t, app).Id,
		"status": status, "starts": start.UTC(), "ends": start.Add(2 * time.Hour).UTC(), "purpose": "Family reunion",
		"attendees": 30, "fee": 40, "language": "es"})
}

// feeBooking is the demo resident's approved pavilion booking, a month
// ahead, with its $40 fee to pay.
func feeBooking(t *testing.T, app core.App) *core.Record {
	t.Helper()
	day, err := time.ParseInLocation(time.DateOnly, bookableDay(t, app, 30), alderCreek)
	if err != nil {
		t.Fatal(err)
	}
	return pavilionBooking(t, app, day.Add(10*time.Hour), "approved")
}

// webhook posts a Stripe event to the site as Stripe does.
func webhook(b *browser, body []byte, signature string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, "/payments/stripe/webhook", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if signature != "" {
		req.Header.Set("Stripe-Signature", signature)
	}
	rec := httptest.NewRecorder()
	b.mux.ServeHTTP(rec, req)
	return rec
}

// With no keys, a fee says to pay at the office and no page offers to pay.
func TestNoPayButtonWithoutKeys(t *testing.T) {
	app := demoApp(t)
	b := residentBrowser(t, app)
	r := feeBooking(t, app)
	b.expect(b.do("GET", "/en/reservations/"+r.Id, nil), http.StatusOK, "Pay the Town Clerk")
	if body := b.do("GET", "/en/reservations/"+r.Id, nil).Body.String(); strings.Contains(body, "/pay/") {
		t.Error("a Pay button shows with no Stripe keys")
	}
	rec := b.do("POST", "/en/pay/reservation/"+r.Id, url.Values{})
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/en/reservations/"+r.Id {
		t.Errorf("Pay with no keys: %d to %q, want back to the booking", rec.Code, rec.Header().Get("Location"))
	}
	if n := schematest.Count(t, app, "payments"); n != 0 {
		t.Errorf("%d payments recorded with no keys", n)
	}
}

// A booking's Pay button sends the resident to the Checkout session Stripe
// opened (stripe-mock's address; never followed), and the session is
// recorded; the signed webhook then marks it paid once, however often it
// comes, and a badly signed one is a 400 that stores nothing; the receipt
// page says it is paid, in Spanish.
func TestPayButtonAndWebhook(t *testing.T) {
	app := demoApp(t)
	paymentstest.Configure(t, app, paymentstest.StripeMock(t), "full", 0, 0)
	b := residentBrowser(t, app)
	r := feeBooking(t, app)
	b.expect(b.do("GET", "/es/reservations/"+r.Id, nil), http.StatusOK, `action="/es/pay/reservation/`+r.Id+`"`, "Pagar $40 ahora")

	rec := b.do("POST", "/es/pay/reservation/"+r.Id, url.Values{})
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "https://checkout.stripe.com/") {
		t.Fatalf("Pay: %d to %q, want Stripe's Checkout page", rec.Code, rec.Header().Get("Location"))
	}
	p, err := app.FindFirstRecordByFilter("payments", "item = {:i}", dbx.Params{"i": r.Id})
	if err != nil {
		t.Fatalf("no payment recorded: %v", err)
	}
	session := p.GetString("session_id")

	forged, badSig := paymentstest.CompletedEvent(t, "whsec_forger", "evt_forged", session, "pi_forged")
	for _, sig := range []string{badSig, ""} {
		if rec := webhook(b, forged, sig); rec.Code != http.StatusBadRequest {
			t.Errorf("badly signed event: %d, want 400", rec.Code)
		}
	}
	if got := schematest.Count(t, app, "payments", dbx.HashExp{"state": "paid"}); got != 0 {
		t.Fatalf("a badly signed event stored a payment")
	}
	body, sig := paymentstest.CompletedEvent(t, paymentstest.WebhookSecret, "evt_paid", session, "pi_paid")
	for range 2 {
		if rec := webhook(b, body, sig); rec.Code != http.StatusOK {
			t.Fatalf("webhook: %d %s", rec.Code, rec.Body.String())
		}
	}
	if n := schematest.Count(t, app, "outbox", dbx.HashExp{"kind": "payment.receipt"}); n != 1 {
		t.Errorf("%d receipts, want 1", n)
	}
	rec = b.do("GET", "/es/payments/return?session_id="+url.QueryEscape(session), nil)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != "/es/payments/"+p.Id {
		t.Fatalf("return from Stripe: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	b.expect(b.do("GET", "/es/payments/"+p.Id, nil), http.StatusOK, "Gracias: su pago está registrado", "$40", "pagado")
	b.expect(b.do("GET", "/es/reservations/"+r.Id, nil), http.StatusOK, "$40 – pagada")
	// Someone else's receipt is not found.
	other := b.another()
	b.expect(other.do("GET", "/es/payments/"+p.Id, nil), http.StatusSeeOther)
}
