package metrics_test

import (
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/requests/metrics"
)

// The hot queries walk an index, never the whole requests table, with and
// without a department scope; nothing is sorted.
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
					strings.Contains(text, "TEMP B-TREE") {
					t.Errorf("%s (scope %+v, staff %v): plan %q, want %q", name, s, staff, text, want[name])
				}
			}
		}
	}
}
