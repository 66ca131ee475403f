package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// InboundOutcomes are what became of a received email.
var InboundOutcomes = []string{"request", "comment", "ignored"}

// Inbound mail is the log of every email the town's SMTP listener accepted:
// what it became, or why it was set aside (a bounce, an out-of-office
// reply). It also lets a message delivered twice be stored once, and keeps
// auto-replies to one per sender per few minutes. Superusers only: it holds
// residents' addresses.
func init() {
	createCollection("inbound_mail", func(c *core.Collection) {
		c.Fields.Add(
			&core.TextField{Name: "subject", Max: 300, Presentable: true},
			&core.TextField{Name: "sender", Max: 320, Help: "The sender's address (From header)."},
			&core.TextField{Name: "return_path", Max: 320, Help: "The envelope sender; empty for bounces."},
			&core.TextField{Name: "recipients", Max: 2000, Help: "Our addresses it was sent to."},
			&core.TextField{Name: "message_id", Max: 300},
			&core.SelectField{Name: "outcome", Required: true, MaxSelect: 1, Values: InboundOutcomes,
				Help: "request: a new request. comment: a reply added to a request. ignored: see reason."},
			&core.TextField{Name: "reason", Max: 300, Help: "Why it was ignored, or what was changed (e.g. attachments not kept)."},
			&core.RelationField{Name: "request", MaxSelect: 1, CollectionId: "requests"},
			&core.BoolField{Name: "auto_reply", Help: "An acknowledgement was emailed to the sender."},
			&core.TextField{Name: "remote_ip", Max: 60},
		)
		c.AddIndex("idx_inbound_mail_message", true, "sender, message_id", "message_id != ''")
		c.AddIndex("idx_inbound_mail_sender_created", false, "sender, created", "")
	})
}
