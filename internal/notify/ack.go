package notify

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// EmailAck is a request that came by email, as its acknowledgement needs
// it.
type EmailAck struct {
	To        string       // the message's return path
	Request   *core.Record // the request stored from it
	Name      string       // whom to greet, if known
	InReplyTo string       // the message's Message-ID, without brackets
	Questions []Item       // the form's questions the email left unanswered
	Articles  []Item       // help pages that may already answer it
	Answer    *kb.Answer   // a help page's answer, when the email reads like a question
}

// RequestAcknowledged queues the acknowledgement of a request sent by
// email, in the language the sender wrote in: its number, service, expected
// date and tracking link, the questions still to answer and the articles
// that may help. Replies go to the request's reply address, and the email
// says it is automatic (RFC 3834) and threads under the sender's message.
func (c *Composer) RequestAcknowledged(app core.App, a EmailAck) error {
	b, t, req := c.Bundle, c.Town.Get(), a.Request
	lang, number := req.GetString("language"), req.GetString("number")
	service := serviceName(app, req, lang, t.DefaultLanguage)
	l := Letter{
		Paragraphs: []string{b.T(lang, "mailin.autoreply.body", map[string]any{"Number": number, "Service": service})},
		Details: [][2]string{
			{b.T(lang, "request.list.number", nil), number},
			{b.T(lang, "request.form.service", nil), service},
			{b.T(lang, "request.track.expected", nil), dueDate(b, t, req, lang)},
		},
		Action: &Link{Label: b.T(lang, "email.request.action", nil), URL: town.AbsURL(app, trackingPath(app, req, lang))},
		Footer: b.T(lang, "mailin.autoreply.footer", map[string]any{"Town": t.NameIn(lang)}),
	}
	if a.Name != "" {
		l.Greeting = b.T(lang, "email.hello", map[string]any{"Name": a.Name})
	}
	if a.Answer != nil { // at the top, word for word, as the Ask page and texts show it
		l.Paragraphs = append([]string{b.T(lang, "mailin.autoreply.answer", nil), a.Answer.Text,
			a.Answer.Title + ": " + town.AbsURL(app, a.Answer.Path)}, l.Paragraphs...)
	}
	if len(a.Questions) > 0 {
		l.Sections = append(l.Sections, Section{Title: b.T(lang, "mailin.autoreply.questions", nil), Items: a.Questions})
	}
	if len(a.Articles) > 0 {
		l.Sections = append(l.Sections, Section{Title: b.T(lang, "mailin.autoreply.articles", nil), Items: a.Articles})
	}
	headers := map[string]string{"Auto-Submitted": "auto-replied", "Reply-To": ReplyAddress(app, t.MailDomain, number)}
	if id := a.InReplyTo; id != "" && len(id) < 250 && !strings.ContainsAny(id, "<>\r\n") {
		headers["In-Reply-To"], headers["References"] = "<"+id+">", "<"+id+">"
	}
	return c.queue(app, l, Mail{To: a.To, Lang: lang, Subject: b.T(lang, "mailin.autoreply.subject", map[string]any{"Number": number}),
		Headers: headers, DedupeKey: "mailin:autoreply:" + req.Id, Kind: "mailin.autoreply"})
}

// trackingPath is the request's page; without an account, the signed link
// that lets the sender see it.
func trackingPath(app core.App, req *core.Record, lang string) string {
	number := req.GetString("number")
	p := "/" + lang + "/requests/" + number
	if req.GetString("reporter") == "" {
		p += "?key=" + requests.Sign(app, "private", number)
	}
	return p
}
