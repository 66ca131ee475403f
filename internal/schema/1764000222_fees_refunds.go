package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// A service may have a fee (a building permit), which its requests carry
// and may pay; a reservation or registration records what was refunded.
func init() {
	migrations.Register(func(app core.App) error {
		zero := types.Pointer(0.0)
		changes := map[string][]core.Field{
			"services": {&core.NumberField{Name: "fee", Min: zero,
				Help: "Fee for each request, in dollars (0: free). Paid online once Stripe is set up, or at the office."}},
			"requests":      {&core.NumberField{Name: "fee", Min: zero, Help: "The service's fee when filed."}, &core.BoolField{Name: "paid"}},
			"reservations":  {&core.NumberField{Name: "refunded", Min: zero, Help: "Dollars refunded."}, &core.DateField{Name: "refunded_at"}},
			"registrations": {&core.NumberField{Name: "refunded", Min: zero, Help: "Dollars refunded."}, &core.DateField{Name: "refunded_at"}},
		}
		for name, fields := range changes {
			if err := alter(name, func(c *core.Collection) { c.Fields.Add(fields...) })(app); err != nil {
				return err
			}
		}
		return nil
	}, nil)
}
