// Package payments is money the town takes: fees of reservations, program
// registrations and services (a building permit), and the water bill. It
// sends residents to Stripe Checkout (redirect mode: no Townhall page ever
// has a card field), records what Stripe's signed webhook or the reconcile
// job says was paid, exactly once, takes cash and checks at the counter,
// refunds by the town's rule, and keeps the water accounts the clerk
// uploads from the billing system.
//
// The keys live in the payment_settings record the clerk fills in the
// dashboard; with no secret key, nothing offers to pay online. Only this
// package writes payments and utility accounts, and the paid marks of the
// items; notify writes the receipts, from the payments' record hooks.
package payments

import (
	"context"
	"errors"
	"math"
	"time"

	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/i18n"
)

// Collections this package owns.
const (
	Payments         = "payments"
	SettingsName     = "payment_settings"
	UtilityAccounts  = "utility_accounts"
	reservationsName = booking.Reservations
)

// Kinds of item a payment is for.
const (
	KindReservation  = "reservation"
	KindRegistration = "registration"
	KindRequest      = "request"
	KindWater        = "water"
)

// Kinds lists every kind, in the order the desk shows them.
var Kinds = []string{KindReservation, KindRegistration, KindRequest, KindWater}

// Payment states.
const (
	StateOpen     = "open"
	StatePaid     = "paid"
	StateExpired  = "expired"
	StateRefunded = "refunded"
)

// Payment methods.
const (
	MethodStripe = "stripe"
	MethodCash   = "cash"
	MethodCheck  = "check"
)

// Errors a caller acts on.
var (
	ErrNotFound   = errors.New("payments: no such item")
	ErrNotPayable = errors.New("payments: nothing to pay")
	ErrOffline    = errors.New("payments: online payments are not set up")
	ErrSignature  = errors.New("payments: webhook signature does not check")
)

// InputError is a refusal of what the clerk or a resident typed, as field
// errors to translate.
type InputError struct{ i18n.FieldErrors }

func (e *InputError) Error() string { return "payments: " + e.Summary() }

// orNil is e when it holds a problem.
func (e *InputError) orNil() error {
	if len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Domain holds what the payment rules need.
type Domain struct {
	Booking *booking.Domain // names of facilities and sessions, for labels
	Clock   clock.Clock     // nil is clock.Real
	// Timeout bounds one call to Stripe; 0 is 20 seconds.
	Timeout time.Duration
}

func (d *Domain) now() time.Time { return clock.Or(d.Clock).Now() }

// ctx is the context of one call to Stripe.
func (d *Domain) ctx() (context.Context, context.CancelFunc) {
	t := d.Timeout
	if t == 0 {
		t = 20 * time.Second
	}
	return context.WithTimeout(context.Background(), t)
}

// cents is dollars as Stripe's smallest unit.
func cents(amount float64) int64 { return int64(math.Round(amount * 100)) }
