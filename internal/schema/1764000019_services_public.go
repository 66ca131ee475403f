package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Some requests are public business (a pothole), some private (a permit).
func init() {
	migrations.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("services")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.BoolField{Name: "public_requests",
			Help: "Requests are listed on the public site (status and place only, never who reported)."})
		return app.Save(c)
	}, nil)
}
