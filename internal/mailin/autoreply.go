package mailin

import (
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/search"
)

// autoReply queues the acknowledgement of a new request, in the language
// the sender wrote in: its number, the tracking link, and up to three
// articles that may already answer the question. It goes to the return path
// (RFC 3834 §4), at most once per sender per AutoReplyEvery, and reports
// whether it was queued.
func (in *Intake) autoReply(tx core.App, env Envelope, msg *Message, req *core.Record, ack *acknowledgement) (bool, error) {
	to := strings.ToLower(env.ReturnPath)
	if a, err := mail.ParseAddress(to); err != nil || a.Address != to {
		return false, nil
	}
	if recent, err := in.repliedRecently(tx, msg.From); err != nil || recent {
		return false, err
	}
	b, t := in.Bundle, in.Town.Get()
	lang, number := req.GetString("language"), req.GetString("number")
	service := serviceName(tx, req, lang, t.DefaultLanguage)
	l := notify.Letter{
		Lang: lang, Town: t.NameIn(lang),
		Paragraphs: []string{b.T(lang, "mailin.autoreply.body", map[string]any{"Number": number, "Service": service})},
		Details: [][2]string{
			{b.T(lang, "request.list.number", nil), number},
			{b.T(lang, "request.form.service", nil), service},
			{b.T(lang, "request.track.expected", nil), in.date(req, lang)},
		},
		Action: &notify.Link{Label: b.T(lang, "email.request.action", nil), URL: notify.AbsURL(tx, trackingPath(tx, req, lang))},
		Footer: b.T(lang, "mailin.autoreply.footer", map[string]any{"Town": t.NameIn(lang)}),
	}
	if name := in.greetingName(tx, req, msg); name != "" {
		l.Greeting = b.T(lang, "email.hello", map[string]any{"Name": name})
	}
	if len(ack.questions) > 0 {
		l.Sections = append(l.Sections, notify.Section{Title: b.T(lang, "mailin.autoreply.questions", nil), Items: ack.questions})
	}
	if items := ack.articles; len(items) > 0 {
		l.Sections = append(l.Sections, notify.Section{Title: b.T(lang, "mailin.autoreply.articles", nil), Items: items})
	}
	text, html, err := l.Render()
	if err != nil {
		return false, err
	}
	headers := map[string]string{"Auto-Submitted": "auto-replied", "Reply-To": notify.ReplyAddress(tx, t.MailDomain, number)}
	if id := msg.MessageID; id != "" && len(id) < 250 && !strings.ContainsAny(id, "<>\r\n") {
		headers["In-Reply-To"], headers["References"] = "<"+id+">", "<"+id+">"
	}
	_, err = notify.Queue(tx, notify.Message{To: to, Subject: b.T(lang, "mailin.autoreply.subject", map[string]any{"Number": number}),
		Text: text, HTML: html, Headers: headers, DedupeKey: "mailin:autoreply:" + req.Id, Kind: "mailin.autoreply", Language: lang})
	if err != nil {
		return false, fmt.Errorf("queue acknowledgement: %w", err)
	}
	return true, nil
}

func (in *Intake) autoReplyEvery() time.Duration {
	if in.AutoReplyEvery > 0 {
		return in.AutoReplyEvery
	}
	return 5 * time.Minute
}

// repliedRecently reports whether sender got an acknowledgement lately.
func (in *Intake) repliedRecently(tx core.App, sender string) (bool, error) {
	since := types.NowDateTime().Add(-in.autoReplyEvery()).String()
	n, err := tx.CountRecords(inboundCollection, dbx.HashExp{"sender": sender, "auto_reply": true},
		dbx.NewExp("[[created]] > {:since}", dbx.Params{"since": since}))
	if err != nil {
		return false, fmt.Errorf("check recent acknowledgements: %w", err)
	}
	return n > 0, nil
}

// acknowledgement is what an acknowledgement needs from outside the
// request's transaction.
type acknowledgement struct {
	articles  []notify.Item
	questions []notify.Item // the form's questions the email left unanswered
}

// articles are the knowledge-base pages that best match the message.
func articles(app core.App, msg *Message, lang string) []notify.Item {
	hits, err := search.Search(app.DB(), search.ParseQuery(msg.Subject+" "+clip(msg.Text, 300), lang), 8)
	if err != nil {
		app.Logger().Warn("mailin: search articles for the acknowledgement", "error", err)
		return nil
	}
	var items []notify.Item
	for _, h := range hits {
		if h.Kind == "page" && len(items) < 3 {
			items = append(items, notify.Item{Text: h.Title, Note: h.Summary, URL: notify.AbsURL(app, h.Path)})
		}
	}
	return items
}

// trackingPath is the request's page; without an account, the signed link
// that lets the sender see it.
func trackingPath(tx core.App, req *core.Record, lang string) string {
	number := req.GetString("number")
	p := "/" + lang + "/requests/" + number
	if req.GetString("reporter") == "" {
		p += "?key=" + requests.Sign(tx, "private", number)
	}
	return p
}

func (in *Intake) greetingName(tx core.App, req *core.Record, msg *Message) string {
	if id := req.GetString("reporter"); id != "" {
		if u, err := tx.FindRecordById("users", id); err == nil && u.GetString("name") != "" {
			return u.GetString("name")
		}
	}
	return msg.FromName
}

func serviceName(tx core.App, req *core.Record, lang, def string) string {
	svc, err := tx.FindRecordById("services", req.GetString("service"))
	if err != nil {
		return ""
	}
	name, _ := i18n.Text(svc, "name", lang, def)
	return name
}

// date is the request's due date, written out in lang.
func (in *Intake) date(req *core.Record, lang string) string {
	due := req.GetDateTime("due").Time().In(in.Town.Get().Location)
	if due.IsZero() {
		return ""
	}
	month := in.Bundle.T(lang, fmt.Sprintf("month.%d", int(due.Month())), nil)
	return in.Bundle.T(lang, "format.date", map[string]any{"Day": due.Day(), "Month": month, "Year": due.Year()})
}
