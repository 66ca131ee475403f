package payments

import (
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
)

// Item is something to pay for, as the payment records it.
type Item struct {
	Kind, ID string
	Label    string // what the receipt names: "Pavilion, 2026-06-06 10:00"
	Amount   float64
	Paid     bool
	Live     bool   // still on: not cancelled, declined or withdrawn
	Owner    string // the resident's account id, or ""
	Start    time.Time
	record   *core.Record
}

// Payable reports whether the item has a fee left to pay.
func (it *Item) Payable() bool { return it.Amount > 0 && !it.Paid && it.Live }

// itemCollection is where each kind of item is kept.
var itemCollection = map[string]string{
	KindReservation: booking.Reservations, KindRegistration: booking.Registrations,
	KindRequest: "requests", KindWater: UtilityAccounts,
}

// ItemFor reads the item kind/id in lang; with owner set, only that
// resident's item is found.
func (d *Domain) ItemFor(app core.App, kind, id, owner, lang string) (*Item, error) {
	col, ok := itemCollection[kind]
	if !ok {
		return nil, ErrNotFound
	}
	r, err := app.FindRecordById(col, id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	} else if err != nil {
		return nil, fmt.Errorf("find %s: %w", kind, err)
	}
	it, err := d.itemFrom(app, kind, r, lang)
	if err != nil {
		return nil, err
	}
	if owner != "" && it.Owner != owner {
		return nil, ErrNotFound
	}
	return it, nil
}

// FindItem is the item a clerk names at the counter: a request by its
// number, a water account by its account number, others by id.
func (d *Domain) FindItem(app core.App, kind, ref, lang string) (*Item, error) {
	var field string
	switch kind {
	case KindRequest:
		field = "number"
	case KindWater:
		field = "account_number"
	default:
		return d.ItemFor(app, kind, ref, "", lang)
	}
	r, err := app.FindFirstRecordByFilter(itemCollection[kind], field+" = {:ref}", dbx.Params{"ref": ref})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	} else if err != nil {
		return nil, fmt.Errorf("find %s: %w", kind, err)
	}
	return d.itemFrom(app, kind, r, lang)
}

func (d *Domain) itemFrom(app core.App, kind string, r *core.Record, lang string) (*Item, error) {
	it := &Item{Kind: kind, ID: r.Id, record: r, Amount: r.GetFloat("fee"), Paid: r.GetBool("paid"), Live: true}
	switch kind {
	case KindReservation:
		bk, err := d.Booking.BookingFrom(app, r, lang)
		if err != nil {
			return nil, err
		}
		it.Owner, it.Start = r.GetString("resident"), bk.Start
		it.Live = bk.Status == booking.StatusPending || bk.Status == booking.StatusApproved
		it.Label = bk.Facility.Name + ", " + bk.Start.In(d.Booking.Town.Get().Location).Format("2006-01-02 15:04")
	case KindRegistration:
		it.Owner, it.Live = r.GetString("resident"), r.GetString("status") != booking.Withdrawn
		it.Label = d.registrationLabel(app, r, lang)
	case KindRequest:
		it.Owner = r.GetString("reporter")
		it.Label = r.GetString("number")
	case KindWater:
		it.Owner, it.Amount = r.GetString("resident"), r.GetFloat("balance")
		it.Paid = !r.GetDateTime("paid_at").IsZero()
		it.Label = r.GetString("account_number")
	}
	return it, nil
}

// registrationLabel is "Swim lessons – Session A (Ana)", or the record id
// when the clerk removed what it names.
func (d *Domain) registrationLabel(app core.App, r *core.Record, lang string) string {
	for _, p := range d.placesOf(app, r.GetString("resident"), lang) {
		if p.ID == r.Id {
			return p.Program + " – " + p.Session.Name + " (" + p.Member + ")"
		}
	}
	return r.Id
}

func (d *Domain) placesOf(app core.App, resident, lang string) []*booking.Place {
	_, places, err := d.Booking.Mine(app, resident, lang)
	if err != nil {
		return nil
	}
	return places
}

// markItem records on the item that it was paid (or, paid false, not).
func markItem(app core.App, kind, id string, when time.Time) error {
	r, err := app.FindRecordById(itemCollection[kind], id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // the clerk removed it; the payment still stands
	} else if err != nil {
		return fmt.Errorf("find paid %s: %w", kind, err)
	}
	if kind == KindWater {
		r.Set("paid_at", when.UTC())
	} else {
		r.Set("paid", true)
	}
	return app.Save(r)
}
