package schema

import (
	"github.com/pocketbase/pocketbase/core"
)

// InboundRefusalOutcomes are the outcomes added to InboundOutcomes: a
// message the listener refused (sender, subject and reason kept for the
// clerk), and a true repeat of a stored message, dropped.
var InboundRefusalOutcomes = []string{"refused", "duplicate"}

// Every message is listed in inbound_mail, refused ones and repeats too.
// A repeat is a message with the same sender, Message-ID and content: a
// different message that reuses a Message-ID is filed like any other, so
// the unique index covers the content's hash, and only stored messages.
func init() {
	alterCollection("inbound_mail", func(c *core.Collection) {
		if f, ok := c.Fields.GetByName("outcome").(*core.SelectField); ok {
			f.Values = append(append([]string{}, InboundOutcomes...), InboundRefusalOutcomes...)
			f.Help = "request: a new request. comment: a reply added to a request. ignored: set aside, see reason. " +
				"refused: not taken, the sender was told why (see reason). duplicate: a copy of a message already stored."
		}
		c.Fields.Add(&core.TextField{Name: "content_hash", Max: 64,
			Help: "SHA-256 of the subject and body: the same Message-ID with other content is another message."})
		c.RemoveIndex("idx_inbound_mail_message")
		c.AddIndex("idx_inbound_mail_message", false, "sender, message_id", "message_id != ''")
		c.AddIndex("idx_inbound_mail_stored", true, "sender, message_id, content_hash",
			"message_id != '' AND outcome IN ('request', 'comment', 'ignored')")
	}, nil)
}
