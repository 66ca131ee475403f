package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// How each person on the staff desk is told of their work: at once by
// email, or in the staff digest. One row per person who chose, staff
// member (a users id) or clerk (a superuser id, who has no users account);
// nobody's row means at once. Set on the desk; superusers only.
func init() {
	createCollection("desk_notify", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "person", Required: true, Max: 30, Presentable: true,
				Help: "The id of the staff member (users) or the clerk (superusers)."},
			&core.SelectField{Name: "notify", Required: true, MaxSelect: 1, Values: []string{"at_once", "digest"},
				Help: "at_once: an email for each new request, resident reply, booking or page to approve. digest: in the staff digest instead."},
			&core.TextField{Name: "language", Max: 10, Pattern: languagePattern, Help: "For the clerk: the language of these emails."},
		)
		c.AddIndex("idx_desk_notify_person", true, "person", "")
	})
}
