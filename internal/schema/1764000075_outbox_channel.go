package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Every outbox message says which channel it leaves by. Email is the only
// one today; text messages and push notifications will add values here.
// Messages already in the outbox are emails.
func init() {
	migrations.Register(func(app core.App) error {
		c, err := app.FindCollectionByNameOrId("outbox")
		if err != nil {
			return err
		}
		c.Fields.Add(&core.SelectField{Name: "channel", MaxSelect: 1, Values: []string{"email"},
			Help: "How the message leaves: email (the recipient in to is an email address). Empty is email."})
		if err := app.Save(c); err != nil {
			return err
		}
		_, err = app.DB().NewQuery("UPDATE {{outbox}} SET [[channel]] = 'email' WHERE [[channel]] = ''").Execute()
		return err
	}, nil)
}
