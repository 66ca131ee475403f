package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// One record per phone number that has texted the town: its language, its
// opt-out, and where its conversation stands, so a restart loses nothing.
// Superusers only: the numbers are personal.
func init() {
	createCollection("sms_numbers", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "number", Required: true, Max: 20, Presentable: true, Help: "As +15551234567."},
			&core.TextField{Name: "language", Max: 10, Pattern: `^([a-z]{2,3}(-[A-Z]{2})?)?$`},
			&core.BoolField{Name: "stopped", Help: "The number texted STOP: nothing is sent to it until it texts START."},
			&core.TextField{Name: "step", Max: 40, Help: "Where the conversation stands: empty, or a step of a report (service, what, where, photo)."},
			&core.JSONField{Name: "state", MaxSize: 20_000, Help: "What the conversation has gathered so far."},
			&core.TextField{Name: "last_request", Max: 20, Help: "The number of the request last texted about: a reply becomes its comment."},
		)
		c.AddIndex("idx_sms_numbers_number", true, "number", "")
	})
}
