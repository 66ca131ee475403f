package payments

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"
)

// HandleWebhook checks a Stripe event's signature with the endpoint secret
// and applies it: a completed, paid Checkout session marks its payment and
// item paid; an expired one closes the payment. An event whose signature
// does not check (or with no secret set) is ErrSignature and changes
// nothing. Events about sessions Townhall did not open are ignored.
func (d *Domain) HandleWebhook(app core.App, payload []byte, signature string) error {
	s, err := LoadSettings(app)
	if err != nil {
		return err
	}
	if s.WebhookSecret == "" {
		return ErrSignature
	}
	ev, err := webhook.ConstructEvent(payload, signature, s.WebhookSecret)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrSignature, err)
	}
	var cs stripe.CheckoutSession
	switch ev.Type {
	case stripe.EventTypeCheckoutSessionCompleted, stripe.EventTypeCheckoutSessionAsyncPaymentSucceeded:
		if err := json.Unmarshal(ev.Data.Raw, &cs); err != nil {
			return fmt.Errorf("read checkout session of event %s: %w", ev.ID, err)
		}
		if cs.PaymentStatus != stripe.CheckoutSessionPaymentStatusPaid {
			return nil // a bank transfer still on its way: async_payment_succeeded follows
		}
		_, err := d.settle(app, cs.ID, intentID(&cs), ev.ID)
		return err
	case stripe.EventTypeCheckoutSessionExpired:
		if err := json.Unmarshal(ev.Data.Raw, &cs); err != nil {
			return fmt.Errorf("read checkout session of event %s: %w", ev.ID, err)
		}
		return expire(app, cs.ID)
	}
	return nil
}

func intentID(cs *stripe.CheckoutSession) string {
	if cs.PaymentIntent == nil {
		return ""
	}
	return cs.PaymentIntent.ID
}

// settle marks the session's payment and its item paid, in one
// transaction, once: an event already applied, or a payment no longer
// open, changes nothing (settled false). notify's hook on the payment
// queues the receipt in the same transaction.
func (d *Domain) settle(app core.App, sessionID, intent, eventID string) (settled bool, err error) {
	err = app.RunInTransaction(func(tx core.App) error {
		if eventID != "" {
			n, err := tx.CountRecords(Payments, dbx.HashExp{"event_id": eventID})
			if err != nil || n > 0 {
				return err
			}
		}
		p, err := tx.FindFirstRecordByData(Payments, "session_id", sessionID)
		if errors.Is(err, sql.ErrNoRows) {
			tx.Logger().Warn("stripe event for a session Townhall did not open", slog.String("session", sessionID))
			return nil
		} else if err != nil {
			return fmt.Errorf("find payment of session %s: %w", sessionID, err)
		}
		if p.GetString("state") != StateOpen && p.GetString("state") != StateExpired {
			return nil
		}
		now := d.now()
		p.Set("state", StatePaid)
		p.Set("paid_at", now.UTC())
		p.Set("event_id", eventID)
		p.Set("payment_intent", intent)
		if err := tx.Save(p); err != nil {
			return fmt.Errorf("record payment %s: %w", p.Id, err)
		}
		settled = true
		return markItem(tx, p.GetString("kind"), p.GetString("item"), now)
	})
	return settled, err
}

// expire closes an open payment whose session ran out.
func expire(app core.App, sessionID string) error {
	p, err := app.FindFirstRecordByData(Payments, "session_id", sessionID)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("find payment of session %s: %w", sessionID, err)
	}
	if p.GetString("state") != StateOpen {
		return nil
	}
	p.Set("state", StateExpired)
	return app.Save(p)
}
