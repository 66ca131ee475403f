package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Queue views give the clerk ready-made lists in the admin UI.
func init() {
	migrations.Register(func(app core.App) error {
		open := core.NewViewCollection("open_requests")
		open.ViewQuery = `SELECT r.id, r.number, r.status, r.department, r.service, r.due, r.created
			FROM requests r WHERE r.status NOT IN ('resolved', 'closed') ORDER BY r.department, r.created`
		if err := app.Save(open); err != nil {
			return err
		}
		overdue := core.NewViewCollection("overdue_requests")
		overdue.ViewQuery = `SELECT r.id, r.number, r.status, r.department, r.service, r.due, r.created
			FROM requests r WHERE r.status NOT IN ('resolved', 'closed') AND r.due != '' AND r.due < strftime('%Y-%m-%d %H:%M:%fZ', 'now')
			ORDER BY r.due`
		return app.Save(overdue)
	}, func(app core.App) error {
		if err := deleteCollection("overdue_requests")(app); err != nil {
			return err
		}
		return deleteCollection("open_requests")(app)
	})
}
