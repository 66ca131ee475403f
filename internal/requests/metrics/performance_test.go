package metrics_test

import (
	"strings"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/requests/metrics"
)

// The public table for 2 April 2026: April and the twelve months before,
// worked out by hand from the fixture.
func TestPerformanceByHand(t *testing.T) {
	app := fixtureApp(t)
	tw := fixtureTown(t)
	perf, err := metrics.LoadPerformance(app, tw.Location, fixtureKeys(t, app).Services, fixtureNow(t))
	if err != nil {
		t.Fatal(err)
	}
	if len(perf.Months) != 13 || !perf.Months[0].Equal(time.Date(2025, 4, 1, 0, 0, 0, 0, tw.Location)) ||
		!perf.Months[12].Equal(time.Date(2026, 4, 1, 0, 0, 0, 0, tw.Location)) {
		t.Fatalf("months %v", perf.Months)
	}
	const jan, feb, mar, apr = 9, 10, 11, 12
	want := map[int]metrics.MonthFigures{
		jan: {Received: 1},                                       // j
		feb: {Received: 2},                                       // f k
		mar: {Received: 7, Closed: 6, OnTime: 4, Median: 3.0625}, // as TestFiguresByHand
		apr: {Received: 1},                                       // e (1 April in New York)
	}
	for i, got := range perf.Overall {
		if got != want[i] {
			t.Errorf("town, %s: %+v, want %+v", perf.Months[i].Format("Jan 2006"), got, want[i])
		}
	}
	// Pothole in March: received a b d g i l; closed l a b g (0.25 3 3.125 10
	// days), on time l a. Permit: received c; closed c f (7 and 3 days), both on time.
	if got, w := perf.Services["pothole"][mar], (metrics.MonthFigures{Received: 6, Closed: 4, OnTime: 2, Median: 3.0625}); got != w {
		t.Errorf("pothole in March %+v, want %+v", got, w)
	}
	if got, w := perf.Services["permit"][mar], (metrics.MonthFigures{Received: 1, Closed: 2, OnTime: 2, Median: 5}); got != w {
		t.Errorf("permit in March %+v, want %+v", got, w)
	}
	if got := perf.Services["permit"][feb]; got != (metrics.MonthFigures{Received: 2}) {
		t.Errorf("permit in February %+v", got)
	}
}

// The hot queries walk an index, never the whole requests table, with and
// without a department scope; nothing is sorted; a count seeks its date
// range (the clerk's counts by service and by channel read every request
// of the key ever filed when the department before the date in their
// index was left open).
func TestQueryPlans(t *testing.T) {
	app := fixtureApp(t)
	tw := fixtureTown(t)
	p := metrics.Named(metrics.ThisYear, fixtureNow(t), tw.Location)
	want := map[string]string{
		"totals":              "USING COVERING INDEX idx_requests_metrics_created",
		"count by ":           "USING COVERING INDEX idx_requests_metrics_created",
		"count by service":    "USING COVERING INDEX idx_requests_metrics_service",
		"count by channel":    "USING COVERING INDEX idx_requests_metrics_channel",
		"count by department": "USING COVERING INDEX idx_requests_metrics_department",
		"closed":              "USING COVERING INDEX idx_requests_metrics_closed",
		"backlog":             "USING COVERING INDEX idx_requests_metrics_open",
		"export":              "USING INDEX idx_requests_desk_created",
	}
	for _, s := range []metrics.Scope{{}, {Departments: []string{"roads", "clerk"}}, {Department: "roads"}} {
		for _, staff := range []bool{true, false} {
			for name, q := range metrics.HotQueries(p, s, staff) {
				var plan []struct {
					Detail string `db:"detail"`
				}
				if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + q.SQL).Bind(q.Params).All(&plan); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				var lines []string
				for _, l := range plan {
					lines = append(lines, l.Detail)
				}
				text := strings.Join(lines, "; ")
				if !strings.Contains(text, want[name]) || strings.Contains(text, "SCAN r ") || strings.Contains(text, "SCAN requests") ||
					strings.Contains(text, "TEMP B-TREE") || strings.HasPrefix(name, "count by") && !strings.Contains(text, "created>?") {
					t.Errorf("%s (scope %+v, staff %v): plan %q, want %q", name, s, staff, text, want[name])
				}
			}
		}
	}
}
