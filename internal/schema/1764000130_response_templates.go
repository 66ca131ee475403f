package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Reply templates for the staff desk, and follows by email: a reporter
// without an account whose request is closed as a duplicate follows the
// original by the address they gave. The follows rules (verified accounts,
// their own follows) never show a follow by email through the API.
func init() {
	migrations.Register(steps(
		create("response_templates", func(c *core.Collection) {
			c.Fields.Add(
				label("name", 120, "What staff pick on the request screen, e.g. Pothole filled."),
				&core.RelationField{Name: "service", MaxSelect: 1, CollectionId: "services", Help: "Empty: offered for every service."},
				&core.SelectField{Name: "status", MaxSelect: 1, Values: RequestStatuses,
					Help: "The status the reply goes with; empty: a reply with no status change."},
				&core.TextField{Name: "text_en", Max: 10_000, Help: "The reply in English. Placeholders: {number}, {service}, {due}."},
				&core.TextField{Name: "text_es", Max: 10_000, Help: "The reply in Spanish. Same placeholders."},
				&core.BoolField{Name: "auto_send", Help: "Send it by itself, once, each time a request of the service enters the status."},
			)
		}),
		alter("follows", func(c *core.Collection) {
			if u, ok := c.Fields.GetByName("user").(*core.RelationField); ok {
				u.Required = false
			}
			c.Fields.Add(
				&core.EmailField{Name: "email", Help: "A follower without an account (a reporter whose request was a duplicate)."},
				&core.TextField{Name: "name", Max: 200},
				&core.TextField{Name: "language", Max: 10},
			)
			c.RemoveIndex("idx_follows_user_request")
			c.AddIndex("idx_follows_user_request", true, "user, request", "user != ''")
			c.AddIndex("idx_follows_email_request", true, "email, request", "email != ''")
		}),
	), steps(
		exec("DELETE FROM follows WHERE user = ''"),
		alter("follows", func(c *core.Collection) {
			c.RemoveIndex("idx_follows_email_request")
			c.RemoveIndex("idx_follows_user_request")
			c.AddIndex("idx_follows_user_request", true, "user, request", "")
			removeFields("email", "name", "language")(c)
			if u, ok := c.Fields.GetByName("user").(*core.RelationField); ok {
				u.Required = true
			}
		}),
		deleteCollection("response_templates"),
	))
}
