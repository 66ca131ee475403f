package outbox

import (
	"errors"
	"net/mail"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

// Transport delivers the messages of one channel.
type Transport interface {
	// Held is why the channel cannot send now, written for the clerk and
	// shown on each message it holds; "" when it can send.
	Held(app core.App) string
	// Send delivers r. It calls accepted the moment the far end has taken
	// the message, before anything else (such as ending the conversation),
	// and calls it at most once. Send need not return within
	// Options.SendTimeout, but must return in the end.
	Send(app core.App, r *core.Record, accepted func()) error
}

// transports are the channels that can send, by the channel field's value.
var transports = map[string]Transport{ChannelEmail: Email{}, ChannelSMS: SMS{}}

// Email sends email through the SMTP server set in PocketBase's mail
// settings, from the sender set there.
type Email struct{}

// Held holds email while SMTP is off: PocketBase would otherwise fall back
// to a local sendmail binary, which towns' servers rarely have.
func (Email) Held(app core.App) string {
	if !settings(app).SMTP.Enabled {
		return HeldReason
	}
	return ""
}

// Send builds the email of r and hands it to the SMTP server. PocketBase's
// OnMailerSend hooks (pb_hooks among them) see it first, as they see every
// email PocketBase sends.
func (Email) Send(app core.App, r *core.Record, accepted func()) error {
	s := settings(app)
	m, err := emailMessage(s.Meta, r)
	if err != nil {
		return err
	}
	return (&smtpSender{app: app, cfg: s.SMTP, accepted: accepted}).Send(m)
}

// emailMessage builds the email for an outbox record, from sender.
func emailMessage(sender core.MetaConfig, r *core.Record) (*mailer.Message, error) {
	headers, err := storedHeaders(r)
	if err != nil {
		return nil, err
	}
	headers["Message-ID"] = messageID(r.GetString("dedupe_key"), sender.SenderAddress)
	m := &mailer.Message{
		From:    mail.Address{Name: sender.SenderName, Address: sender.SenderAddress},
		To:      []mail.Address{{Name: r.GetString("to_name"), Address: r.GetString("to")}},
		Subject: r.GetString("subject"),
		Text:    r.GetString("text"),
		HTML:    r.GetString("html"),
		Headers: headers,
	}
	m.Attachments, err = storedAttachments(r) // attachments.go
	return m, err
}

// Hold is a Send error that puts the message back on hold with the reason
// (a daily cap reached between two passes): the attempt is not counted.
type Hold string

func (h Hold) Error() string { return string(h) }

// ErrPermanent is wrapped by a Send error that no retry will change (a
// provider refusing the number): the message fails at once.
var ErrPermanent = errors.New("permanent failure")
