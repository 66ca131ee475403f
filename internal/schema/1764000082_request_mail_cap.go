package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// A request's confirmation email to an address typed in a form is capped
// per address and day; mail_capped records that one was not sent, and the
// index finds the day's requests of an address. A number question may say
// it takes numbers below zero.
func init() {
	help := map[string]map[string]string{
		"services": {
			"fields": `Form questions (Open311 attributes), e.g. [{"code":"size","datatype":"singlevaluelist","required":true,` +
				`"description":{"en":"How big?"},"values":[{"key":"s","name":{"en":"Small"}}]}]. Datatypes: string, number ` +
				`(0 or more unless "negative":true), datetime, text, singlevaluelist, multivaluelist.`,
		},
	}
	migrations.Register(steps(alter("requests", func(c *core.Collection) {
		c.Fields.Add(&core.BoolField{Name: "mail_capped",
			Help: "No confirmation was emailed: the contact address had already had its confirmations for the day."})
		c.AddIndex("idx_requests_contact_email", false, "contact_email COLLATE NOCASE, created", "")
	}), setHelp(help)), nil)
}
