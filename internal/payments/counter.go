package payments

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// Counter is a payment the clerk takes at the office.
type Counter struct {
	Kind, Ref string // the item: a request number, an account number or an id
	Amount    string // as typed; empty is the item's fee
	Method    string // cash or check
	Receipt   string // the receipt book's number
	By        string // the clerk
}

// RecordCounter records cash or a check for an item, which is then paid the
// same way as online (and gets the same receipt by email when the payer has
// an address).
func (d *Domain) RecordCounter(app core.App, c Counter, lang string) (*core.Record, error) {
	in := &InputError{}
	c.Ref, c.Receipt = strings.TrimSpace(c.Ref), strings.TrimSpace(c.Receipt)
	if c.Method != MethodCash && c.Method != MethodCheck {
		in.Add("method", "payments.error.method", nil)
	}
	if c.Receipt == "" {
		in.Add("receipt", "payments.error.receipt", nil)
	}
	it, err := d.FindItem(app, c.Kind, c.Ref, lang)
	switch {
	case errors.Is(err, ErrNotFound) || c.Ref == "":
		in.Add("item", "payments.error.no_item", nil)
	case err != nil:
		return nil, err
	case it.Paid:
		in.Add("item", "payments.error.already_paid", nil)
	}
	amount := 0.0
	if it != nil {
		amount = it.Amount
	}
	if a := strings.TrimPrefix(strings.TrimSpace(c.Amount), "$"); a != "" {
		v, err := strconv.ParseFloat(a, 64)
		if err != nil || v <= 0 || v > 1e6 {
			in.Add("amount", "payments.error.amount", nil)
		}
		amount = v
	} else if amount <= 0 {
		in.Add("amount", "payments.error.amount", nil)
	}
	if err := in.orNil(); err != nil {
		return nil, err
	}
	it.Amount = amount
	var rec *core.Record
	err = app.RunInTransaction(func(tx core.App) error {
		p, err := d.payerOf(tx, it)
		if err != nil {
			return err
		}
		if rec, err = newPayment(tx, it, p, c.Method); err != nil {
			return err
		}
		now := d.now()
		rec.Set("state", StatePaid)
		rec.Set("paid_at", now.UTC())
		rec.Set("receipt_number", c.Receipt)
		rec.Set("recorded_by", c.By)
		if err := tx.Save(rec); err != nil {
			return fmt.Errorf("record counter payment: %w", err)
		}
		return markItem(tx, it.Kind, it.ID, now)
	})
	return rec, err
}

// payerOf is the item's resident, for the receipt; for a request with no
// account, its contact.
func (d *Domain) payerOf(app core.App, it *Item) (Payer, error) {
	if it.Owner == "" {
		if it.Kind == KindRequest {
			r := it.record
			return Payer{Name: r.GetString("contact_name"), Email: r.GetString("contact_email"), Lang: r.GetString("language")}, nil
		}
		return Payer{}, nil
	}
	u, err := app.FindRecordById("users", it.Owner)
	if err != nil {
		return Payer{}, nil // the account is gone; the payment stands
	}
	return Payer{ID: u.Id, Name: u.GetString("name"), Email: u.Email(), Lang: u.GetString("language")}, nil
}
