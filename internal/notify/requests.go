package notify

import (
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// RequestMail queues the emails that requests cause: the confirmation to the
// reporter, the alert to the department's staff, and every status change and
// public comment to the reporter and followers, each in their own language.
// They are queued in the same transaction as the change, so a request is
// never stored without its emails, nor an email queued for a request that
// was not stored.
type RequestMail struct {
	Bundle *i18n.Bundle
	Town   *town.Store
}

// RegisterRequestMail binds the request emails to the request records.
func RegisterRequestMail(app core.App, rm *RequestMail) {
	app.OnRecordCreateExecute("requests").BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return rm.submitted(e.App, e.Record)
	})
	app.OnRecordCreateExecute("request_updates").BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return rm.updated(e.App, e.Record)
	})
	app.OnRecordUpdateExecute("requests").BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return rm.escalated(e.App, e.Record)
	})
}

// recipient is someone to write to, in their language.
type recipient struct {
	ID, Email, Name, Lang string
	FollowID              string // a follow by email, which the letter's link can stop
}

func (rm *RequestMail) submitted(app core.App, req *core.Record) error {
	// A request sent by email is acknowledged by mailin, which knows
	// whether the message may be answered at all (RFC 3834).
	// A request marked mail_capped was typed for an address that has had
	// its confirmations for the day (see requests.MaxConfirmationsPerDay).
	if to, ok := rm.reporter(app, req); ok && req.GetString("channel") != requests.ChannelEmail && !req.GetBool("mail_capped") {
		if err := rm.send(app, req, to, "email.request.received.subject", "email.request.received.body", nil, "received"); err != nil {
			return err
		}
	}
	staff, err := rm.staff(app, req)
	if err != nil {
		return err
	}
	for _, to := range staff {
		if err := rm.sendStaff(app, req, to, "email.request.new.subject", req.GetString("description"), "new"); err != nil {
			return err
		}
	}
	return nil
}

func (rm *RequestMail) updated(app core.App, u *core.Record) error {
	req, err := app.FindRecordById("requests", u.GetString("request"))
	if err != nil {
		return err
	}
	kind, author := u.GetString("kind"), u.GetString("author")
	byReporter := requests.ByReporter(req, u)
	if kind == "note" {
		return nil
	}
	if byReporter {
		staff, err := rm.staff(app, req)
		if err != nil {
			return err
		}
		subject := "email.request.comment_staff.subject"
		if kind == "reopen" {
			subject = "email.request.reopened.subject"
		}
		for _, to := range staff {
			if err := rm.sendStaff(app, req, to, subject, u.GetString("body"), "update:"+u.Id); err != nil {
				return err
			}
		}
		return nil
	}
	var people []recipient
	if to, ok := rm.reporter(app, req); ok {
		people = append(people, to)
	}
	followers, err := rm.followers(app, req)
	if err != nil {
		return err
	}
	people = append(people, followers...)
	body := "email.request.comment.body"
	if kind == "status" {
		body = "email.request.status.body"
	}
	for _, to := range people {
		if to.ID != "" && to.ID == author {
			continue
		}
		if err := rm.send(app, req, to, "email.request.update.subject", body, u, "update:"+u.Id); err != nil {
			return err
		}
	}
	return rm.textUpdate(app, req, u) // text_updates.go
}

// reporter is whom the request came from: the account, or the contact
// email left on the form.
func (rm *RequestMail) reporter(app core.App, req *core.Record) (recipient, bool) {
	if id := req.GetString("reporter"); id != "" {
		if u, err := app.FindRecordById("users", id); err == nil {
			return rm.person(u, req), true
		}
	}
	if email := req.GetString("contact_email"); email != "" {
		return recipient{Email: email, Name: req.GetString("contact_name"), Lang: rm.lang(req.GetString("language"))}, true
	}
	return recipient{}, false
}

func (rm *RequestMail) person(u, req *core.Record) recipient {
	lang := u.GetString("language")
	if lang == "" {
		lang = req.GetString("language")
	}
	return recipient{ID: u.Id, Email: u.Email(), Name: u.GetString("name"), Lang: rm.lang(lang)}
}

func (rm *RequestMail) lang(l string) string {
	if rm.Town.Get().Offers(l) {
		return l
	}
	return rm.Town.Get().DefaultLanguage
}

// staff are the users with the staff role who work on the request: its
// department's (their own or one the clerk gave them) and its assignee,
// but not those who chose the staff digest instead (desk_notify).
func (rm *RequestMail) staff(app core.App, req *core.Record) ([]recipient, error) {
	users, err := app.FindRecordsByFilter("users", "role = 'staff' && (department = {:d} || departments ~ {:d} || (id != '' && id = {:a}))",
		"", 0, 0, dbx.Params{"d": req.GetString("department"), "a": req.GetString("assignee")})
	if err != nil {
		return nil, fmt.Errorf("find staff: %w", err)
	}
	choices, err := loadDeskChoices(app)
	if err != nil {
		return nil, fmt.Errorf("find staff: %w", err)
	}
	out := make([]recipient, 0, len(users))
	for _, u := range users {
		if !choices.inDigest(u) {
			out = append(out, rm.person(u, req))
		}
	}
	return out, nil
}

func (rm *RequestMail) followers(app core.App, req *core.Record) ([]recipient, error) {
	var users []*core.Record
	err := app.RecordQuery("users").InnerJoin("follows", dbx.NewExp("follows.user = users.id")).
		AndWhere(dbx.HashExp{"follows.request": req.Id}).All(&users)
	if err != nil {
		return nil, fmt.Errorf("find followers: %w", err)
	}
	out := make([]recipient, len(users))
	for i, u := range users {
		out[i] = rm.person(u, req)
	}
	byEmail, err := requests.EmailFollowers(app, req.Id)
	if err != nil {
		return nil, fmt.Errorf("find followers by email: %w", err)
	}
	for _, f := range byEmail {
		out = append(out, recipient{Email: f.GetString("email"), Name: f.GetString("name"), Lang: rm.lang(f.GetString("language")), FollowID: f.Id})
	}
	return out, nil
}

// send writes to a resident about their or a followed request; update is
// the timeline entry that caused it, if any. Its status is the new one: the
// request itself is changed after the entry is written.
func (rm *RequestMail) send(app core.App, req *core.Record, to recipient, subjectID, bodyID string, update *core.Record, event string) error {
	b := rm.Bundle
	number := req.GetString("number")
	service := rm.serviceName(app, req, to.Lang)
	status := req.GetString("status")
	if update != nil && update.GetString("status") != "" {
		status = update.GetString("status")
	}
	data := map[string]any{"Number": number, "Service": service, "Date": rm.date(req, to.Lang),
		"Status": b.T(to.Lang, "request.status."+status, nil)}
	l := Letter{Details: [][2]string{
		{b.T(to.Lang, "request.list.number", nil), number},
		{b.T(to.Lang, "request.form.service", nil), service},
		{b.T(to.Lang, "request.list.status", nil), data["Status"].(string)},
	}}
	if to.Name != "" {
		l.Greeting = b.T(to.Lang, "email.hello", map[string]any{"Name": to.Name})
	}
	l.Paragraphs = []string{b.T(to.Lang, bodyID, data)}
	if update != nil && update.GetString("body") != "" {
		body := update.GetString("body")
		if !isReporter(req, to) {
			body = requests.MaskPersonal(body) // a follower reads what the public page shows
		}
		l.Paragraphs = append(l.Paragraphs, body)
	}
	path := "/" + to.Lang + "/requests/" + number
	if to.ID == "" && to.Email == req.GetString("contact_email") {
		path += "?key=" + requests.Sign(app, "private", number)
	}
	l.Action = &Link{Label: b.T(to.Lang, "email.request.action", nil), URL: town.AbsURL(app, path)}
	if update != nil && update.GetString("kind") == "status" && status == requests.StatusResolved && isReporter(req, to) {
		l.Sections = append(l.Sections, Section{Title: b.T(to.Lang, "email.fixed.title", nil), Items: []Item{
			{Text: b.T(to.Lang, "email.fixed.yes", nil), URL: town.AbsURL(app, requests.FixedPath(app, to.Lang, number, requests.FixedYes))},
			{Text: b.T(to.Lang, "email.fixed.no", nil), URL: town.AbsURL(app, requests.FixedPath(app, to.Lang, number, requests.FixedNo))},
		}})
	}
	return rm.queue(app, req, to, b.T(to.Lang, subjectID, data), l, "request:"+req.Id+":"+event+":"+strings.ToLower(to.Email), "request."+event)
}

// isReporter reports whether to is the person the request came from: its
// account, or the contact address left on the form.
func isReporter(req *core.Record, to recipient) bool {
	if to.ID != "" {
		return to.ID == req.GetString("reporter")
	}
	return strings.EqualFold(to.Email, req.GetString("contact_email"))
}

// sendStaff alerts a staff member, with a link to the request's desk screen.
func (rm *RequestMail) sendStaff(app core.App, req *core.Record, to recipient, subjectID, text, event string) error {
	b := rm.Bundle
	number := req.GetString("number")
	service := rm.serviceName(app, req, to.Lang)
	l := Letter{Details: [][2]string{
		{b.T(to.Lang, "request.list.number", nil), number},
		{b.T(to.Lang, "request.form.service", nil), service},
		{b.T(to.Lang, "request.form.address", nil), req.GetString("address")},
		{b.T(to.Lang, "request.track.expected", nil), rm.date(req, to.Lang)},
	}}
	if text != "" {
		l.Paragraphs = []string{text}
	}
	l.Action = &Link{Label: b.T(to.Lang, "staff.email.open_desk", nil), URL: town.AbsURL(app, deskPath(to.Lang, number))}
	subject := b.T(to.Lang, subjectID, map[string]any{"Number": number, "Service": service})
	return rm.queue(app, req, to, subject, l, "request:"+req.Id+":staff:"+event+":"+to.ID, "request.staff")
}

func (rm *RequestMail) queue(app core.App, req *core.Record, to recipient, subject string, l Letter, dedupe, kind string) error {
	headers := map[string]string{}
	if reply := ReplyAddress(app, rm.Town.Get().MailDomain, req.GetString("number")); reply != "" {
		headers["Reply-To"] = reply
	}
	if to.FollowID != "" {
		// Someone following by email has no account settings: the letter
		// itself stops the updates, in one click (RFC 8058).
		link := UnsubscribeURL(app, to.FollowID, ScopeFollow, to.Lang)
		l.Unsubscribe = &Link{Label: rm.Bundle.T(to.Lang, "email.follow.unsubscribe", nil), URL: link}
		headers["List-Unsubscribe"] = "<" + link + ">"
		headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
	}
	// An address we cannot write to must not lose the request itself.
	return queueFollowUp(app, rm.Bundle, rm.Town.Get(), l, Mail{To: to.Email, ToName: to.Name, Lang: to.Lang, Subject: subject,
		Headers: headers, DedupeKey: dedupe, Kind: kind})
}

// serviceName is the request's service, named in lang.
func serviceName(app core.App, req *core.Record, lang, def string) string {
	svc, err := app.FindRecordById("services", req.GetString("service"))
	if err != nil {
		return ""
	}
	name, _ := i18n.Text(svc, "name", lang, def)
	return name
}

func (rm *RequestMail) serviceName(app core.App, req *core.Record, lang string) string {
	return serviceName(app, req, lang, rm.Town.Get().DefaultLanguage)
}

// dueDate is the request's due date, written out in lang and the town's
// zone; "" when it has none.
func dueDate(b *i18n.Bundle, t *town.Town, req *core.Record, lang string) string {
	return b.Date(lang, req.GetDateTime("due").Time().In(t.Location))
}

func (rm *RequestMail) date(req *core.Record, lang string) string {
	return dueDate(rm.Bundle, rm.Town.Get(), req, lang)
}

// ReplyAddress is the address a reply about request number goes to,
// request+<number>.<signature>@domain, so mailin can file it as a comment;
// "" when the town has no mail domain. The signature keeps anyone from
// commenting on a request by guessing its number.
func ReplyAddress(app core.App, domain, number string) string {
	if domain == "" || number == "" {
		return ""
	}
	return "request+" + number + "." + requests.Sign(app, "reply", number) + "@" + domain
}
