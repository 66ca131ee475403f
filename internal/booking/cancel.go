package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
)

// CancelDeadline is the last moment a resident may cancel r online.
func (d *Domain) CancelDeadline(f *Facility, r *core.Record) time.Time {
	return r.GetDateTime("starts").Time().Add(-time.Duration(f.CancelHours) * time.Hour)
}

// CanCancel reports whether the resident may still cancel r themselves.
func (d *Domain) CanCancel(f *Facility, r *core.Record) bool {
	s := r.GetString("status")
	return (s == StatusPending || s == StatusApproved) && d.now().Before(d.CancelDeadline(f, r))
}

// Cancel cancels a resident's own reservation, up to the facility's
// cancellation deadline; after it, the resident calls the clerk.
func (d *Domain) Cancel(app core.App, residentID, reservationID string) (*core.Record, error) {
	var rec *core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		r, err := d.Reservation(tx, residentID, reservationID)
		if err != nil {
			return err
		}
		f, err := d.facilityByID(tx, r.GetString("facility"), "")
		if err != nil {
			return err
		}
		re := &RuleError{}
		switch s := r.GetString("status"); {
		case s != StatusPending && s != StatusApproved:
			re.add("cancel", MsgNotCancellable, nil)
		case !d.now().Before(d.CancelDeadline(f, r)):
			re.add("cancel", MsgCancelTooLate, map[string]any{"Count": f.CancelHours})
		}
		if err := re.orNil(); err != nil {
			return err
		}
		r.Set("status", StatusCancelled)
		r.Set("cancelled_at", d.now().UTC())
		rec = r
		return tx.SaveWithContext(context.WithValue(context.Background(), viaReserve, true), r)
	})
	return rec, err
}

// Reservation is one of the resident's reservations, or ErrNotFound.
func (d *Domain) Reservation(app core.App, residentID, id string) (*core.Record, error) {
	r, err := app.FindRecordById(Reservations, id)
	if errors.Is(err, sql.ErrNoRows) || (err == nil && (residentID == "" || r.GetString("resident") != residentID)) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("find reservation: %w", err)
	}
	return r, nil
}

// fieldError is an error the admin UI shows beside a field.
func fieldError(field, msg string) error {
	return validation.Errors{field: validation.NewError("validation_booking", msg)}
}
