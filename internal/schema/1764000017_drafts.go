package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Drafts keep a resident's unfinished request form.
func init() {
	migrations.Register(func(app core.App) error {
		services, err := collectionID(app, "services")
		if err != nil {
			return err
		}
		users, err := collectionID(app, "users")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("drafts")
		own := "user = @request.auth.id"
		c.ListRule = rule(own)
		c.ViewRule = rule(own)
		c.DeleteRule = rule(own)
		c.Fields.Add(
			&core.RelationField{Name: "user", Required: true, MaxSelect: 1, CollectionId: users, CascadeDelete: true},
			&core.RelationField{Name: "service", Required: true, MaxSelect: 1, CollectionId: services, Presentable: true},
			&core.JSONField{Name: "data", MaxSize: 200_000, Help: "What the resident has typed so far."},
		)
		withTimestamps(c)
		c.AddIndex("idx_drafts_user_service", true, "user, service", "")
		return app.Save(c)
	}, deleteCollection("drafts"))
}
