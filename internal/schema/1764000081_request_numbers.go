package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// request_numbers holds the last request number given out in each year, so
// numbering a request is one row update in its own transaction, at the same
// cost with a million requests as with ten. Seeded from the requests
// already stored. Superusers only.
func init() {
	migrations.Register(func(app core.App) error {
		c := core.NewBaseCollection("request_numbers")
		c.Fields.Add(
			&core.NumberField{Name: "year", Required: true, OnlyInt: true, Presentable: true},
			&core.NumberField{Name: "last", OnlyInt: true, Help: "The last number given out this year; the next request gets one more."},
		)
		c.AddIndex("idx_request_numbers_year", true, "year", "")
		if err := app.Save(c); err != nil {
			return err
		}
		_, err := app.DB().NewQuery(`INSERT INTO request_numbers (id, year, last)
			SELECT lower(hex(randomblob(8))), CAST(substr(number, 1, 4) AS INTEGER), MAX(CAST(substr(number, 6) AS INTEGER))
			FROM requests WHERE number GLOB '[0-9][0-9][0-9][0-9]-*' GROUP BY substr(number, 1, 4)`).Execute()
		return err
	}, deleteCollection("request_numbers"))
}
