package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// The town says when digests go out, in its own time zone. Empty means the
// default: daily at 07:00, weekly on Monday at 07:00.
func init() {
	alterCollection("town", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "digest_daily", Max: 100,
				Help: `When the daily digest is sent, as a cron line in the town's time zone (minute hour day month weekday). Empty: "0 7 * * *", every day at 07:00.`},
			&core.TextField{Name: "digest_weekly", Max: 100,
				Help: `When the weekly digest is sent, as a cron line. Empty: "0 7 * * 1", Monday at 07:00.`},
		)
	}, removeFields("digest_daily", "digest_weekly"))
}
