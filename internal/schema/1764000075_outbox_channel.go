package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Every outbox message says which channel it leaves by. Email is the only
// one today; text messages and push notifications will add values here.
// Messages already in the outbox are emails.
func init() {
	migrations.Register(steps(
		alter("outbox", func(c *core.Collection) {
			c.Fields.Add(&core.SelectField{Name: "channel", MaxSelect: 1, Values: []string{"email"},
				Help: "How the message leaves: email (the recipient in to is an email address). Empty is email."})
		}),
		exec("UPDATE {{outbox}} SET [[channel]] = 'email' WHERE [[channel]] = ''"),
	), nil)
}
