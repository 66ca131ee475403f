package booking

import (
	"context"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Leave ends what a resident who deletes their account still had booked:
// reservations that have not ended are cancelled, so the facility is free
// again (the deadline for residents does not apply: nobody is left to come),
// and registrations for sessions not yet over are withdrawn, so their
// places go to the waitlist. Run it in the transaction that deletes the
// account, before the delete.
func (d *Domain) Leave(tx core.App, residentID string) error {
	now := d.now().UTC()
	res, err := tx.FindRecordsByFilter(Reservations, "resident = {:r} && (status = 'pending' || status = 'approved') && ends > {:now}",
		"", 0, 0, dbx.Params{"r": residentID, "now": now})
	if err != nil {
		return fmt.Errorf("find the reservations of a leaving resident: %w", err)
	}
	for _, r := range res {
		r.Set("status", StatusCancelled)
		r.Set("cancelled_at", now)
		if err := tx.SaveWithContext(context.WithValue(context.Background(), viaReserve, true), r); err != nil {
			return fmt.Errorf("cancel a reservation of a leaving resident: %w", err)
		}
	}
	regs, err := tx.FindRecordsByFilter(Registrations, "resident = {:r} && status != 'cancelled' && session.last_day >= {:today}",
		"created", 0, 0, dbx.Params{"r": residentID, "today": now.Format("2006-01-02")})
	if err != nil {
		return fmt.Errorf("find the registrations of a leaving resident: %w", err)
	}
	for _, r := range regs {
		r.Set("status", Withdrawn)
		r.Set("cancelled_at", now)
		if err := tx.Save(r); err != nil { // registrationChanged promotes from the waitlist
			return fmt.Errorf("withdraw a registration of a leaving resident: %w", err)
		}
	}
	return nil
}
