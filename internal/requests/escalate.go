package requests

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// EscalationJob is the scheduler's id for EscalateOverdue; it shows in the
// dashboard's list of cron jobs, where the clerk can also run it.
const EscalationJob = "townhallEscalateOverdue"

// escalationEvery is how often the scheduler looks for overdue requests.
const escalationEvery = "*/10 * * * *"

// maxEscalations bounds one run; the next run takes the rest.
const maxEscalations = 500

// RegisterEscalation puts EscalateOverdue on PocketBase's scheduler, which
// runs only while the server serves.
func RegisterEscalation(app core.App, d *Domain) {
	app.Cron().MustAdd(EscalationJob, escalationEvery, func() {
		if n, err := d.EscalateOverdue(app); err != nil {
			app.Logger().Error("requests: escalate overdue requests", slog.Any("error", err))
		} else if n > 0 {
			app.Logger().Info("requests: escalated overdue requests", slog.Int("count", n))
		}
	})
}

// EscalateOverdue escalates each open request past its due date that was
// never escalated: it records when and to whom (the department's lead, or
// the clerk when there is none; notify writes to them). Each request is
// escalated in its own transaction, after reading it again inside it, so a
// request is escalated once however often, or however concurrently, the
// job runs. It returns how many it escalated.
func (d *Domain) EscalateOverdue(app core.App) (int, error) {
	now := d.now()
	var ids []string
	err := app.RecordQuery("requests").Select("id").
		AndWhere(dbx.NewExp("status NOT IN ('resolved', 'closed') AND number != '' AND due != '' AND due < {:now} AND (escalated_at = '' OR escalated_at IS NULL)",
			dbx.Params{"now": now.UTC().Format("2006-01-02 15:04:05.000Z")})).
		OrderBy("due").Limit(maxEscalations).Column(&ids)
	if err != nil {
		return 0, fmt.Errorf("find overdue requests: %w", err)
	}
	n := 0
	for _, id := range ids {
		done, err := d.escalate(app, id)
		if err != nil {
			return n, err
		}
		if done {
			n++
		}
	}
	return n, nil
}

func (d *Domain) escalate(app core.App, id string) (bool, error) {
	done := false
	err := app.RunInTransaction(func(tx core.App) error {
		r, err := tx.FindRecordById("requests", id)
		if err != nil {
			return err
		}
		if !r.GetDateTime("escalated_at").IsZero() || !IsOpen(r.GetString("status")) {
			return nil
		}
		lead := ""
		if dep, err := tx.FindRecordById("departments", r.GetString("department")); err == nil {
			lead = dep.GetString("lead")
		}
		r.Set("escalated_at", d.now().UTC())
		r.Set("escalated_to", lead)
		done = true
		return tx.SaveWithContext(context.WithValue(context.Background(), fromTimeline, true), r)
	})
	if err != nil {
		return false, fmt.Errorf("escalate request %s: %w", id, err)
	}
	return done, nil
}
