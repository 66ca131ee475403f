package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// ServiceKinds are the kinds of form a service has: a problem report asks
// what is wrong and where, an application what is asked for, a question
// the question.
var ServiceKinds = []string{"problem", "application", "question"}

// What a request needs: each service says whether a place, a description
// and a way to reach the reporter are required (a pothole needs a place, a
// records request does not), and which kind of form it is. The request
// rules enforce them on every channel. A service without questions needs
// a description, so that no request arrives empty.
func init() {
	migrations.Register(steps(
		alter("services", func(c *core.Collection) {
			c.Fields.Add(
				&core.SelectField{Name: "kind", MaxSelect: 1, Values: ServiceKinds,
					Help: "The form's wording: problem (what is wrong, where), application (what you ask for), question. Empty means problem."},
				&core.BoolField{Name: "needs_location", Help: "A request must say where: an address or a point on the map."},
				&core.BoolField{Name: "needs_description", Help: "A request must have a description."},
				&core.BoolField{Name: "needs_contact", Help: "A request must give a way to answer: an account, an email address or a phone number."},
			)
		}),
		exec(`UPDATE services SET needs_description = TRUE
			WHERE fields IS NULL OR fields IN ('', 'null', '[]')`),
	), alter("services", removeFields("kind", "needs_location", "needs_description", "needs_contact")))
}
