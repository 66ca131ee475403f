package schema

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/clock"
)

// closingIndex lets the figures read a period's closed requests, their days
// to close and whether on time, from the index alone.
const closingIndex = "closed_at, duplicate_of, department, service, close_days, closed_on_time"

// A closed request keeps how many days it took on the town's clocks and
// whether it was closed by its due date (requests keeps them right on
// every save), so the town's figures for a year read one number per
// request instead of working out two dates and a time zone for each.
func init() {
	migrations.Register(steps(alter("requests", func(c *core.Collection) {
		c.Fields.Add(
			&core.NumberField{Name: "close_days", Help: "Days from filing to closing on the town's clocks; set when closed."},
			&core.BoolField{Name: "closed_on_time", Help: "Closed by its due date; set when closed."},
		)
		c.RemoveIndex("idx_requests_metrics_closed")
		c.AddIndex("idx_requests_metrics_closed", false, closingIndex, "closed_at != ''")
	}), fillClosing), nil)
}

// fillClosing works out close_days and closed_on_time of the requests
// closed before this migration, in the town's time zone.
func fillClosing(app core.App) error {
	loc := time.UTC
	var zone string
	// No town yet (a fresh database) leaves UTC, and nothing is closed.
	_ = app.DB().NewQuery("SELECT timezone FROM town ORDER BY created LIMIT 1").Row(&zone)
	if l, err := time.LoadLocation(zone); err == nil && zone != "" {
		loc = l
	}
	var rows []struct {
		ID      string `db:"id"`
		Created string `db:"created"`
		Closed  string `db:"closed_at"`
		Due     string `db:"due"`
	}
	if err := app.DB().NewQuery("SELECT id, created, closed_at, due FROM requests WHERE closed_at != ''").All(&rows); err != nil {
		return fmt.Errorf("read closed requests: %w", err)
	}
	for _, r := range rows {
		created, _ := types.ParseDateTime(r.Created)
		closed, _ := types.ParseDateTime(r.Closed)
		due, _ := types.ParseDateTime(r.Due)
		onTime := !due.IsZero() && !closed.Time().After(due.Time())
		_, err := app.DB().Update("requests", dbx.Params{
			"close_days": clock.WallDays(created.Time(), closed.Time(), loc), "closed_on_time": onTime,
		}, dbx.HashExp{"id": r.ID}).Execute()
		if err != nil {
			return fmt.Errorf("request %s: %w", r.ID, err)
		}
	}
	return nil
}
