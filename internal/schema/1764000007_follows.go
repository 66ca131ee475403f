package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Follows let a resident hear about a request someone else filed.
func init() {
	migrations.Register(func(app core.App) error {
		requests, err := collectionID(app, "requests")
		if err != nil {
			return err
		}
		users, err := collectionID(app, "users")
		if err != nil {
			return err
		}
		c := core.NewBaseCollection("follows")
		own := "user = @request.auth.id"
		c.ListRule = rule(own)
		c.ViewRule = rule(own)
		c.DeleteRule = rule(own)
		c.Fields.Add(
			&core.RelationField{Name: "request", Required: true, MaxSelect: 1, CollectionId: requests, CascadeDelete: true, Presentable: true},
			&core.RelationField{Name: "user", Required: true, MaxSelect: 1, CollectionId: users, CascadeDelete: true},
		)
		withTimestamps(c)
		c.AddIndex("idx_follows_user_request", true, "user, request", "")
		return app.Save(c)
	}, deleteCollection("follows"))
}
