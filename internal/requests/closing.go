package requests

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
)

// registerClosing keeps a closed request's close_days and closed_on_time
// right on every save, whichever way it comes, so the town's figures read
// them from an index instead of working them out for every request of a
// period each time the page is drawn.
func (d *Domain) registerClosing(app core.App) {
	app.OnRecordCreateExecute("requests").BindFunc(d.stampClosing)
	app.OnRecordUpdateExecute("requests").BindFunc(d.stampClosing)
}

func (d *Domain) stampClosing(e *core.RecordEvent) error {
	created := e.Record.GetDateTime("created").Time()
	if created.IsZero() {
		created = d.now()
	}
	days, onTime := Closing(created, e.Record.GetDateTime("closed_at").Time(), e.Record.GetDateTime("due").Time(),
		d.Town.Get().Location)
	e.Record.Set("close_days", days)
	e.Record.Set("closed_on_time", onTime)
	return e.Next()
}

// Closing is what the figures keep of a request closed at closed: how many
// days it took on the town's clocks (clock.WallDays) and whether by its due date (a request with no
// due date is not on time). An open request (closed zero) took 0 days.
func Closing(created, closed, due time.Time, loc *time.Location) (days float64, onTime bool) {
	if closed.IsZero() {
		return 0, false
	}
	return clock.WallDays(created, closed, loc), !due.IsZero() && !closed.After(due)
}
