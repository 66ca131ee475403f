package payments_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/payments/paymentstest"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

const residentEmail = "resident@aldercreek.example"

// env is the demo town with Townhall wired, its payments domain and its
// resident, taking payments through stripe-mock when online.
type env struct {
	app      *tests.TestApp
	pay      *payments.Domain
	resident *core.Record
}

func newEnv(t *testing.T, online bool, rule string, windowHours int, percent float64) *env {
	t.Helper()
	app, th := townhalltest.NewTown(t)
	if online {
		paymentstest.Configure(t, app, paymentstest.StripeMock(t), rule, windowHours, percent)
	}
	u, err := app.FindAuthRecordByEmail("users", residentEmail)
	if err != nil {
		t.Fatal(err)
	}
	return &env{app: app, pay: th.Payments, resident: u}
}

// booking is an approved pavilion booking of the resident, days ahead,
// with its $40 fee.
func (en *env) booking(t *testing.T, days int) *core.Record {
	t.Helper()
	f, err := en.app.FindFirstRecordByData("facilities", "slug", "pavilion")
	if err != nil {
		t.Fatal(err)
	}
	loc := schematest.Location(t, "America/New_York")
	d := time.Now().In(loc).AddDate(0, 0, days)
	start := time.Date(d.Year(), d.Month(), d.Day(), 10, 0, 0, 0, loc)
	return schematest.Create(t, en.app, "reservations", map[string]any{"facility": f.Id, "resident": en.resident.Id,
		"starts": start.UTC(), "ends": start.Add(2 * time.Hour).UTC(), "status": "approved", "fee": 40,
		"purpose": "Birthday", "attendees": 20, "language": "es"})
}

// checkout opens a Checkout session for the resident's item, as the Pay
// button does, and returns the open payment.
func (en *env) checkout(t *testing.T, kind, id string) *core.Record {
	t.Helper()
	it, err := en.pay.ItemFor(en.app, kind, id, en.resident.Id, "es")
	if err != nil {
		t.Fatal(err)
	}
	url, err := en.pay.Checkout(en.app, it, payments.Payer{ID: en.resident.Id, Name: "María López", Email: residentEmail, Lang: "es"},
		"http://127.0.0.1/es/payments/return", "http://127.0.0.1/es/reservations/"+id)
	if err != nil {
		t.Fatalf("checkout: %v", err)
	}
	if url == "" {
		t.Fatal("checkout gave no address to send the resident to")
	}
	p, err := en.app.FindFirstRecordByFilter(payments.Payments, "kind = {:k} && item = {:i}", dbx.Params{"k": kind, "i": id})
	if err != nil {
		t.Fatalf("no payment recorded for %s %s: %v", kind, id, err)
	}
	return p
}

// openCheckout is a town that takes payments online (full refunds), the
// resident's pavilion booking 30 days ahead and the open payment of the
// Checkout session the resident started for it.
func openCheckout(t *testing.T) (en *env, booking, payment *core.Record) {
	t.Helper()
	en = newEnv(t, true, payments.RefundFull, 0, 0)
	booking = en.booking(t, 30)
	return en, booking, en.checkout(t, payments.KindReservation, booking.Id)
}

// reload reads r again.
func reload(t *testing.T, app core.App, r *core.Record) *core.Record {
	t.Helper()
	got, err := app.FindRecordById(r.Collection().Name, r.Id)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// receipts counts the receipts queued for payment p.
func receipts(t *testing.T, app core.App, p *core.Record) int {
	return schematest.Count(t, app, "outbox", dbx.HashExp{"kind": "payment.receipt", "dedupe_key": "payment:" + p.Id + ":receipt"})
}
