package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// The users collection (created by PocketBase) gets the resident profile.
// Residents see and change only themselves, and never their own role.
func init() {
	alterCollection("users", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "phone", Max: 40, Help: "Optional, for the clerk to call back."},
			&core.TextField{Name: "address", Max: 300, Help: "Street address in town; prefills request forms."},
			&core.TextField{Name: "language", Max: 10, Pattern: languagePattern, Help: "Language for the site and emails, e.g. en or es."},
			&core.SelectField{Name: "role", MaxSelect: 1, Values: []string{"resident", "editor", "staff"},
				Help: "resident: the public. editor: may edit the knowledge base. staff: gets department emails. Only the clerk can change this."},
			&core.RelationField{Name: "department", CollectionId: "departments", MaxSelect: 1, Help: "For staff: the department whose requests they receive."},
			&core.SelectField{Name: "digest", MaxSelect: 1, Values: []string{"off", "daily", "weekly"},
				Help: "How often the resident wants a summary email."},
			&core.BoolField{Name: "alerts", Help: "Wants an email for every critical notice."},
		)
		if f, ok := c.Fields.GetByName("name").(*core.TextField); ok {
			f.Presentable = true
		}
		own := "id = @request.auth.id"
		noRoleChange := "@request.body.role:isset = false && @request.body.department:isset = false"
		c.ListRule = rule(own)
		c.ViewRule = rule(own)
		c.CreateRule = rule(noRoleChange)
		c.UpdateRule = rule(own + " && " + noRoleChange)
		c.DeleteRule = rule(own)
	}, nil)
}
