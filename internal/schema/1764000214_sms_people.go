package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// Residents may choose texts: an account's number, once confirmed by a code
// sent to it, gets updates on its requests and critical alerts; a request
// may ask for texts to its contact phone. A help page may carry the
// sentence that answers its question (front matter: answer).
func init() {
	migrations.Register(steps(
		alter("users", func(c *core.Collection) {
			c.Fields.Add(
				&core.TextField{Name: "sms_number", Max: 20, Help: "The confirmed number for texts, as +15551234567."},
				&core.BoolField{Name: "sms_updates", Help: "Text updates on my requests."},
				&core.BoolField{Name: "sms_alerts", Help: "Text critical alerts."},
				&core.TextField{Name: "sms_pending", Max: 20, Hidden: true, Help: "A number waiting for its code."},
				&core.TextField{Name: "sms_code", Max: 100, Hidden: true, Help: "The hash of the code sent to the pending number."},
				&core.DateField{Name: "sms_code_expires", Hidden: true},
				&core.NumberField{Name: "sms_code_tries", OnlyInt: true, Hidden: true},
			)
		}),
		alter("requests", func(c *core.Collection) {
			c.Fields.Add(&core.BoolField{Name: "text_updates", Help: "Text status changes and public comments to the contact phone."})
		}),
		alter("pages", func(c *core.Collection) {
			c.Fields.Add(&core.TextField{Name: "answer", Max: 400,
				Help: "The sentence that answers the page's question, quoted word for word in texts and on the Ask page; empty uses the summary."})
		}),
	), nil)
}
