package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// A utility account is a water account as of the clerk's last upload from
// the billing system (a CSV on the desk's payments page). A resident links
// it with the account number and the service address's house number.
func init() {
	createCollection("utility_accounts", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "account_number", Required: true, Max: 40, Presentable: true},
			&core.TextField{Name: "house_number", Required: true, Max: 20, Help: "House number of the service address, checked when a resident links the account."},
			&core.TextField{Name: "address", Max: 300},
			&core.NumberField{Name: "balance", Help: "Dollars due, as of the last upload."},
			&core.DateField{Name: "due_date"},
			&core.RelationField{Name: "resident", MaxSelect: 1, CollectionId: "users"},
			&core.BoolField{Name: "remind", Help: "The resident asked for a reminder before the due date."},
			&core.TextField{Name: "reminded_for", Max: 40, Help: "The due date last reminded of."},
			&core.DateField{Name: "paid_at", Help: "Paid online or at the counter since the last upload."},
			&core.DateField{Name: "uploaded_at"},
		)
		c.AddIndex("idx_utility_accounts_number", true, "account_number", "")
		c.AddIndex("idx_utility_accounts_resident", false, "resident", "resident != ''")
	})
}
