package schema_test

import (
	"math"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/schema"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// Requests closed before close_days existed get it on the town's clocks:
// filed the day before the clocks went forward in New York and closed at
// the same wall time two days later took 2 days, not 1.96; on time when
// closed by the due date.
func TestClosingFilledForOldRequests(t *testing.T) {
	app := schematest.App(t)
	insert := func(table string, row dbx.Params) {
		t.Helper()
		if _, err := app.DB().Insert(table, row).Execute(); err != nil {
			t.Fatal(err)
		}
	}
	insert("town", dbx.Params{"id": "town00000000001", "name": "Pine Hill", "timezone": "America/New_York"})
	for id, due := range map[string]string{"late00000000001": "2026-03-08 12:00:00.000Z", "ontime000000001": "2026-03-10 00:00:00.000Z"} {
		insert("requests", dbx.Params{"id": id, "number": id, "status": "closed", "created": "2026-03-07 15:00:00.000Z",
			"closed_at": "2026-03-09 14:00:00.000Z", "due": due})
	}
	insert("requests", dbx.Params{"id": "open00000000001", "number": "open", "status": "new", "created": "2026-03-07 15:00:00.000Z"})
	if err := schema.FillClosing(app); err != nil {
		t.Fatal(err)
	}
	var rows []struct {
		ID     string  `db:"id"`
		Days   float64 `db:"close_days"`
		OnTime bool    `db:"closed_on_time"`
	}
	if err := app.DB().NewQuery("SELECT id, close_days, closed_on_time FROM requests ORDER BY id").All(&rows); err != nil {
		t.Fatal(err)
	}
	want := map[string]struct {
		days   float64
		onTime bool
	}{"late00000000001": {2, false}, "ontime000000001": {2, true}, "open00000000001": {0, false}}
	if len(rows) != len(want) {
		t.Fatalf("%d requests, want %d", len(rows), len(want))
	}
	for _, r := range rows {
		if w := want[r.ID]; math.Abs(r.Days-w.days) > 1e-9 || r.OnTime != w.onTime {
			t.Errorf("%s: %v days, on time %v; want %v, %v", r.ID, r.Days, r.OnTime, w.days, w.onTime)
		}
	}
}
