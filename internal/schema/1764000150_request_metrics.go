package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// RequestSatisfaction is what a reporter answered to "is it fixed?".
var RequestSatisfaction = []string{"yes", "no"}

// metricIndexes let the figures count a period's requests by walking index
// ranges, with no table reads and no sorting (see requests/metrics).
var metricIndexes = map[string]string{
	"idx_requests_metrics_created":    "created, duplicate_of, department, closed_at, reopens, satisfaction",
	"idx_requests_metrics_service":    "duplicate_of, service, department, created",
	"idx_requests_metrics_channel":    "duplicate_of, channel, department, created",
	"idx_requests_metrics_department": "duplicate_of, department, created",
	"idx_requests_metrics_open":       "status, duplicate_of, department, created",
}

// What the town's figures need of a request: how often it was reopened,
// and the reporter's one-click answer to "is it fixed?" (once per request).
// Covering indexes let the metrics count a period's requests (by created,
// service, channel and department), read its closed requests (by
// closed_at) and the open backlog by age without touching the table.
func init() {
	migrations.Register(steps(
		alter("requests", func(c *core.Collection) {
			c.Fields.Add(
				&core.NumberField{Name: "reopens", OnlyInt: true, Help: "How many times the reporter reopened it."},
				&core.SelectField{Name: "satisfaction", MaxSelect: 1, Values: RequestSatisfaction,
					Help: `The reporter's answer to "is it fixed?" from the resolved email; counted once.`},
				&core.DateField{Name: "satisfaction_at"},
			)
			for name, cols := range metricIndexes {
				c.AddIndex(name, false, cols, "")
			}
			c.AddIndex("idx_requests_metrics_closed", false,
				"closed_at, duplicate_of, department, service, created, due", "closed_at != ''")
		}),
		exec(`UPDATE requests SET reopens = (SELECT count(*) FROM request_updates u
			WHERE u.request = requests.id AND u.kind = 'reopen')`),
	), alter("requests", func(c *core.Collection) {
		for name := range metricIndexes {
			c.RemoveIndex(name)
		}
		c.RemoveIndex("idx_requests_metrics_closed")
		removeFields("reopens", "satisfaction", "satisfaction_at")(c)
	}))
}
