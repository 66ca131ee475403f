package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// RequestSatisfaction is what a reporter answered to "is it fixed?".
var RequestSatisfaction = []string{"yes", "no"}

// What the town's figures need of a request: how often it was reopened,
// and the reporter's one-click answer to "is it fixed?" (once per request).
// Two covering indexes let the metrics read a period's received requests
// (by created) and closed requests (by closed_at) without touching the
// table, and a third finds the open backlog by age.
func init() {
	migrations.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("requests")
		if err != nil {
			return err
		}
		c.Fields.Add(
			&core.NumberField{Name: "reopens", OnlyInt: true, Help: "How many times the reporter reopened it."},
			&core.SelectField{Name: "satisfaction", MaxSelect: 1, Values: RequestSatisfaction,
				Help: `The reporter's answer to "is it fixed?" from the resolved email; counted once.`},
			&core.DateField{Name: "satisfaction_at"},
		)
		c.AddIndex("idx_requests_metrics_created", false,
			"created, duplicate_of, department, service, channel, status, closed_at, reopens, satisfaction", "")
		c.AddIndex("idx_requests_metrics_closed", false,
			"closed_at, duplicate_of, department, service, created", "closed_at != ''")
		c.AddIndex("idx_requests_metrics_open", false, "status, duplicate_of, department, created", "")
		if err := app.Save(c); err != nil {
			return err
		}
		_, err = app.DB().NewQuery(`UPDATE requests SET reopens = (SELECT count(*) FROM request_updates u
			WHERE u.request = requests.id AND u.kind = 'reopen')`).Execute()
		return err
	}, func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("requests")
		if err != nil {
			return err
		}
		for _, idx := range []string{"idx_requests_metrics_created", "idx_requests_metrics_closed", "idx_requests_metrics_open"} {
			c.RemoveIndex(idx)
		}
		for _, f := range []string{"reopens", "satisfaction", "satisfaction_at"} {
			c.Fields.RemoveByName(f)
		}
		return app.Save(c)
	})
}
