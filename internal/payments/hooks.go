package payments

import (
	"log/slog"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Register binds the payment rules: a request takes its service's fee when
// filed, a cancelled paid booking is refunded by the town's rule, and every
// ten minutes open sessions are reconciled with Stripe.
func Register(app core.App, d *Domain) {
	app.OnRecordCreate("requests").BindFunc(func(e *core.RecordEvent) error {
		if e.Record.GetFloat("fee") == 0 {
			if svc, err := e.App.FindRecordById("services", e.Record.GetString("service")); err == nil {
				e.Record.Set("fee", svc.GetFloat("fee"))
			}
		}
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess(reservationsName).BindFunc(func(e *core.RecordEvent) error {
		d.refundCancelled(e.App, KindReservation, e.Record)
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess("registrations").BindFunc(func(e *core.RecordEvent) error {
		d.refundCancelled(e.App, KindRegistration, e.Record)
		return e.Next()
	})
	app.Cron().MustAdd("paymentsReconcile", "*/10 * * * *", func() {
		if n, err := d.Reconcile(app); err != nil {
			app.Logger().Error("reconcile payments", slog.String("error", err.Error()), slog.Int("paid", n))
		}
	})
}

// paidOf is the item's paid payment, or nil.
func paidOf(app core.App, kind, id string) (*core.Record, error) {
	recs, err := app.FindRecordsByFilter(Payments, "kind = {:k} && item = {:i} && state = 'paid'", "-paid_at", 1, 0,
		dbx.Params{"k": kind, "i": id})
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	return recs[0], nil
}
