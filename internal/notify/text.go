package notify

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// Text is a text message to one number, in Lang: the text variant of a
// Letter. Its lines are joined with a space: texts are short.
type Text struct {
	To, Lang, Kind, DedupeKey string
	Lines                     []string
}

// MaxStatusText is the most a status text may take: one GSM-7 segment.
const MaxStatusText = 160

// queueText queues t on the sms channel: the one way a text is queued.
// Texts to a number that texted STOP are not queued (outbox.Queue).
func queueText(app core.App, t Text) error {
	_, err := outbox.Queue(app, outbox.Message{Channel: outbox.ChannelSMS, To: t.To, Kind: t.Kind, Language: t.Lang,
		Text: strings.Join(t.Lines, " "), DedupeKey: t.DedupeKey})
	return err
}

// TextReply queues a reply in the text conversation: the message id, in
// the number's language, then any lines quoted as they are (an answer from
// a help page, a link).
func (c *Composer) TextReply(app core.App, t Text, id string, data map[string]any, quoted ...string) error {
	if data == nil {
		data = map[string]any{}
	}
	tw := c.Town.Get()
	data["Town"], data["Phone"] = tw.NameIn(t.Lang), tw.Phone
	t.Lines = append([]string{c.Bundle.T(t.Lang, id, data)}, quoted...)
	return queueText(app, t)
}

// TextAnswer queues a help page's answer, word for word, with its link and
// the offer of a person.
func (c *Composer) TextAnswer(app core.App, t Text, a kb.Answer) error {
	t.Lines = []string{a.Text, town.AbsURL(app, a.Path), c.Bundle.T(t.Lang, "sms.reply.clerk_offer", nil)}
	return queueText(app, t)
}

// TextFiled queues the reply to a report filed by text: its number and
// the private tracking link.
func (c *Composer) TextFiled(app core.App, t Text, req *core.Record) error {
	number := req.GetString("number")
	return c.TextReply(app, t, "sms.reply.filed", map[string]any{"Number": number}, TrackingURL(app, t.Lang, number))
}

// TrackingURL is the private address of request number, which the
// reporter can open without an account.
func TrackingURL(app core.App, lang, number string) string {
	return town.AbsURL(app, "/"+lang+"/requests/"+number+"?key="+requests.Sign(app, "private", number))
}

// StatusText is a request's status in at most MaxStatusText characters,
// with its tracking link: the service is left out when it does not fit.
func (c *Composer) StatusText(app core.App, lang string, req *core.Record) string {
	number := req.GetString("number")
	data := map[string]any{"Number": number, "Service": serviceName(app, req, lang, c.Town.Get().DefaultLanguage),
		"Status": c.Bundle.T(lang, "request.status."+req.GetString("status"), nil), "URL": TrackingURL(app, lang, number)}
	s := c.Bundle.T(lang, "sms.status", data)
	if len([]rune(s)) > MaxStatusText {
		s = c.Bundle.T(lang, "sms.status_short", data)
	}
	return s
}

// TextStatus queues the status of each of reqs, one text each, so each
// fits one segment.
func (c *Composer) TextStatus(app core.App, t Text, reqs []*core.Record) error {
	key := t.DedupeKey
	for _, r := range reqs {
		t.Lines, t.DedupeKey = []string{c.StatusText(app, t.Lang, r)}, key+":"+r.GetString("number")
		if err := queueText(app, t); err != nil {
			return err
		}
	}
	return nil
}

// PhoneCode queues the code that confirms an account's number.
func (c *Composer) PhoneCode(app core.App, t Text, code string) error {
	return c.TextReply(app, t, "sms.code", map[string]any{"Code": code})
}
