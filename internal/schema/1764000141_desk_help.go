package schema

import (
	"github.com/pocketbase/pocketbase/migrations"
)

// The dashboard points the clerk to the staff desk where the desk does the
// work, and says which rules the dashboard's own saves follow. PocketBase
// has no help text for a whole collection, so the help sits on the field
// the clerk reads first.
func init() {
	help := map[string]map[string]string{
		"requests": {
			"status": "Work requests on the staff desk (/en/staff): one screen per request with its timeline, " +
				"replies in the resident's language, notes, assignment and priority. Changes here follow the same rules.",
		},
		"request_updates": {
			"kind": "Easier on the staff desk, a request's screen (/en/staff/requests/NUMBER). " +
				"status: a status change. comment: public, emailed to the reporter. note: internal only.",
		},
		"registrations": {
			"status": "A registration added here follows the site's rules: a member of the resident's household, " +
				"of the session's ages; the fee is the session's; a full session waitlists.",
		},
		"services": {
			"fields": `Form questions, e.g. [{"code":"size","datatype":"singlevaluelist","required":true,"order":1,` +
				`"description":{"en":"How big?"},"help":{"en":"A hint"},"values":[{"key":"s","name":{"en":"Small"}}]}]. ` +
				`Datatypes: string, number, datetime, text, singlevaluelist, multivaluelist; others are refused.`,
		},
	}
	migrations.Register(setHelp(help), nil)
}
