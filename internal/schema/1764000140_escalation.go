package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Escalation: a request past its due date is escalated once, to its
// department's lead, or to the clerk when the department has none.
func init() {
	migrations.Register(func(app core.App) error {
		users, err := collectionID(app, "users")
		if err != nil {
			return err
		}
		deps, err := app.FindCollectionByNameOrId("departments")
		if err != nil {
			return err
		}
		deps.Fields.Add(&core.RelationField{Name: "lead", CollectionId: users, MaxSelect: 1,
			Help: "The staff member told when one of the department's requests is past its due date; empty means the clerk."})
		if err := app.Save(deps); err != nil {
			return err
		}
		reqs, err := app.FindCollectionByNameOrId("requests")
		if err != nil {
			return err
		}
		reqs.Fields.Add(
			&core.DateField{Name: "escalated_at", Help: "When the request, past its due date, was escalated. Set once, by the scheduler."},
			&core.RelationField{Name: "escalated_to", CollectionId: users, MaxSelect: 1, Help: "The department lead it was escalated to; empty means the clerk."},
		)
		return app.Save(reqs)
	}, func(app core.App) error {
		reqs, err := app.FindCollectionByNameOrId("requests")
		if err != nil {
			return err
		}
		reqs.Fields.RemoveByName("escalated_at")
		reqs.Fields.RemoveByName("escalated_to")
		if err := app.Save(reqs); err != nil {
			return err
		}
		deps, err := app.FindCollectionByNameOrId("departments")
		if err != nil {
			return err
		}
		deps.Fields.RemoveByName("lead")
		return app.Save(deps)
	})
}
