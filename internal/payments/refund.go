package payments

import (
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/stripe/stripe-go/v82"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/i18n"
)

// RefundDue is what the town's rule gives back of a fee paid for something
// starting at start and cancelled at at: the full fee, a share of it, or
// nothing; nothing too when cancelled inside the refund window (less than
// the window's hours before the start) or after the start.
func (s *Settings) RefundDue(fee float64, start, at time.Time) float64 {
	if !at.Before(start) || start.Sub(at) < s.RefundWindow {
		return 0
	}
	switch s.RefundRule {
	case RefundFull:
		return fee
	case RefundPart:
		return math.Round(fee*s.RefundPercent) / 100
	}
	return 0
}

// refundCancelled refunds a paid online booking or registration that was
// just cancelled, by the town's rule. A failure is logged for the clerk,
// who can refund from the desk; it never undoes the cancellation.
func (d *Domain) refundCancelled(app core.App, kind string, r *core.Record) {
	cancelled := booking.StatusCancelled // the same word for registrations
	if r.GetString("status") != cancelled || r.Original().GetString("status") == cancelled || !r.GetBool("paid") {
		return
	}
	log := app.Logger().With(slog.String("kind", kind), slog.String("item", r.Id))
	p, err := paidOf(app, kind, r.Id)
	if err != nil || p == nil || p.GetString("method") != MethodStripe {
		if err != nil {
			log.Error("find the payment of a cancelled booking", slog.String("error", err.Error()))
		}
		return // paid at the counter: the clerk refunds there
	}
	s, err := LoadSettings(app)
	if err != nil {
		log.Error("refund a cancelled booking", slog.String("error", err.Error()))
		return
	}
	amount := s.RefundDue(p.GetFloat("amount"), startOf(app, kind, r), d.now())
	if amount <= 0 {
		return
	}
	if err := d.Refund(app, p.Id, amount, ""); err != nil {
		log.Error("refund a cancelled booking; the clerk can refund it from the desk", slog.String("error", err.Error()))
	}
}

// startOf is when a booking starts, or a registration's session's first day.
func startOf(app core.App, kind string, r *core.Record) time.Time {
	if kind == KindReservation {
		return r.GetDateTime("starts").Time()
	}
	s, err := app.FindRecordById(booking.Sessions, r.GetString("session"))
	if err != nil {
		return time.Time{}
	}
	return s.GetDateTime("first_day").Time()
}

// Refund gives back amount of a paid payment: through Stripe for one paid
// online, as a record only for cash or a check (the clerk hands it back).
// It is recorded on the payment and on the booking or registration; by is
// the clerk's name, empty when the town's rule refunded it.
func (d *Domain) Refund(app core.App, paymentID string, amount float64, by string) error {
	p, err := app.FindRecordById(Payments, paymentID)
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	} else if err != nil {
		return fmt.Errorf("find payment: %w", err)
	}
	in := &InputError{}
	left := p.GetFloat("amount") - p.GetFloat("refunded")
	switch {
	case p.GetString("state") != StatePaid && p.GetString("state") != StateRefunded:
		in.Add("amount", "payments.error.not_paid", nil)
	case amount <= 0 || cents(amount) > cents(left):
		in.Add("amount", "payments.error.refund_amount", map[string]any{"Max": i18n.Money(left)})
	}
	if err := in.orNil(); err != nil {
		return err
	}
	refundID := ""
	if p.GetString("method") == MethodStripe {
		if refundID, err = d.stripeRefund(app, p, amount); err != nil {
			return err
		}
	}
	return app.RunInTransaction(func(tx core.App) error {
		now := d.now().UTC()
		p.Set("state", StateRefunded)
		p.Set("refunded", p.GetFloat("refunded")+amount)
		p.Set("refund_id", refundID)
		p.Set("refunded_at", now)
		p.Set("recorded_by", by)
		if err := tx.Save(p); err != nil {
			return fmt.Errorf("record refund: %w", err)
		}
		kind := p.GetString("kind")
		if kind != KindReservation && kind != KindRegistration {
			return nil
		}
		item, err := tx.FindRecordById(itemCollection[kind], p.GetString("item"))
		if err != nil {
			return nil // the clerk removed it; the payment records the refund
		}
		item.Set("refunded", item.GetFloat("refunded")+amount)
		item.Set("refunded_at", now)
		return tx.Save(item)
	})
}

// stripeRefund asks Stripe to give amount back on p's payment intent.
func (d *Domain) stripeRefund(app core.App, p *core.Record, amount float64) (string, error) {
	s, err := LoadSettings(app)
	if err != nil {
		return "", err
	}
	if !s.Online() {
		return "", ErrOffline
	}
	if p.GetString("payment_intent") == "" {
		return "", fmt.Errorf("payment %s has no payment intent to refund", p.Id)
	}
	ctx, cancel := d.ctx()
	defer cancel()
	params := &stripe.RefundCreateParams{PaymentIntent: stripe.String(p.GetString("payment_intent")), Amount: stripe.Int64(cents(amount))}
	params.AddMetadata("payment", p.Id)
	ref, err := s.client().V1Refunds.Create(ctx, params)
	if err != nil {
		return "", fmt.Errorf("refund through stripe: %w", err)
	}
	return ref.ID, nil
}
