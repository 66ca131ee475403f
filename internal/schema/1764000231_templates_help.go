package schema

import (
	"github.com/pocketbase/pocketbase/migrations"
)

// The reply templates' dashboard help points to where they are used, the
// request screen of the staff desk, as 1764000141 does for the other
// collections a clerk uses every day.
func init() {
	help := map[string]map[string]string{
		"response_templates": {
			"name": "Used on the staff desk: on a request's screen (/en/staff/requests/NUMBER) choose a template " +
				"and its text fills the reply in the resident's language; bulk status changes in the queue can send one too.",
			"auto_send": "Sent by itself, once, in the resident's language, when a request of the service enters the status " +
				"(from the desk, the dashboard or any channel); it shows on the request's timeline.",
		},
	}
	migrations.Register(setHelp(help), nil)
}
