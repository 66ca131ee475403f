package notify

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/markdown"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/town"
)

// maxItems is the most lines a digest section lists; "and N more" follows.
const maxItems = 15

// content is everything a period's digests draw on, read once per run: with
// ten thousand residents, a query per resident would be the run's cost.
type content struct {
	p        Period
	updates  map[string][]update      // by request id, oldest first
	requests map[string]*requestRow   // those with updates
	byUser   map[string][]string      // request ids: reported or followed
	notices  []*core.Record           // published in the period
	bookings map[string][]reservation // by resident, soonest first
	services map[string]*core.Record
	places   map[string]*core.Record // facilities
	staff    *staffContent
	// noticesIn is the notices' section in each language, made for the
	// first person who reads that language: it is the same for everyone.
	noticesIn map[string]Section
}

type update struct {
	Request string `db:"request"`
	Kind    string `db:"kind"`
	Status  string `db:"status"`
	Body    string `db:"body"`
	Author  string `db:"author"`
}

type requestRow struct {
	ID       string `db:"id"`
	Number   string `db:"number"`
	Status   string `db:"status"`
	Service  string `db:"service"`
	Reporter string `db:"reporter"`
}

type reservation struct {
	Resident string         `db:"resident"`
	Facility string         `db:"facility"`
	Status   string         `db:"status"`
	Starts   types.DateTime `db:"starts"`
}

func (d *Digests) collect(app core.App, p Period) (*content, error) {
	c := &content{p: p, updates: map[string][]update{}, requests: map[string]*requestRow{}, byUser: map[string][]string{},
		bookings: map[string][]reservation{}, services: map[string]*core.Record{}, places: map[string]*core.Record{}}
	window := dbx.Params{"start": dbTime(p.Start), "end": dbTime(p.End)}
	steps := []func(core.App, dbx.Params) error{c.loadUpdates, c.loadNotices, c.loadBookings, c.loadNames}
	for _, step := range steps {
		if err := step(app, window); err != nil {
			return nil, fmt.Errorf("read the %s digest: %w", p.Key, err)
		}
	}
	staff, err := loadStaff(app, p)
	if err != nil {
		return nil, fmt.Errorf("read the %s staff digest: %w", p.Key, err)
	}
	c.staff = staff
	return c, nil
}

// loadUpdates reads the period's public timeline entries, their requests,
// and who hears about each: the reporter and the followers.
func (c *content) loadUpdates(app core.App, w dbx.Params) error {
	var ups []update
	err := app.DB().NewQuery(`SELECT request, kind, status, body, author FROM request_updates
		WHERE created >= {:start} AND created < {:end} AND kind != 'note' ORDER BY created`).Bind(w).All(&ups)
	if err != nil || len(ups) == 0 {
		return err
	}
	for _, u := range ups {
		c.updates[u.Request] = append(c.updates[u.Request], u)
	}
	ids := make([]any, 0, len(c.updates))
	for id := range c.updates {
		ids = append(ids, id)
	}
	var reqs []*requestRow
	if err := app.DB().Select("id", "number", "status", "service", "reporter").From("requests").
		Where(dbx.In("id", ids...)).All(&reqs); err != nil {
		return err
	}
	for _, r := range reqs {
		c.requests[r.ID] = r
		if r.Reporter != "" {
			c.byUser[r.Reporter] = append(c.byUser[r.Reporter], r.ID)
		}
	}
	var follows []struct {
		User    string `db:"user"`
		Request string `db:"request"`
	}
	if err := app.DB().Select("user", "request").From("follows").Where(dbx.In("request", ids...)).All(&follows); err != nil {
		return err
	}
	for _, f := range follows {
		if c.requests[f.Request] != nil && c.requests[f.Request].Reporter != f.User {
			c.byUser[f.User] = append(c.byUser[f.User], f.Request)
		}
	}
	return nil
}

// loadNotices reads the notices first shown in the period and still shown
// at its end.
func (c *content) loadNotices(app core.App, w dbx.Params) error {
	recs, err := app.FindRecordsByFilter("notices",
		`published = true && ((starts != "" && starts >= {:start} && starts < {:end}) || (starts = "" && created >= {:start} && created < {:end})) && (ends = "" || ends > {:end})`,
		"-starts,-created", 0, 0, w)
	c.notices = recs
	return err
}

// loadBookings reads the reservations starting soon after the period's end.
func (c *content) loadBookings(app core.App, w dbx.Params) error {
	ahead := 2 * 24 * time.Hour
	if c.p.Kind == Weekly {
		ahead = 8 * 24 * time.Hour
	}
	var rs []reservation
	err := app.DB().NewQuery(`SELECT resident, facility, status, starts FROM reservations
		WHERE resident != '' AND status IN ('pending', 'approved') AND starts >= {:end} AND starts < {:until}
		ORDER BY starts`).Bind(dbx.Params{"end": w["end"], "until": dbTime(c.p.End.Add(ahead))}).All(&rs)
	for _, r := range rs {
		c.bookings[r.Resident] = append(c.bookings[r.Resident], r)
	}
	return err
}

// loadNames reads the services and facilities, for their names.
func (c *content) loadNames(app core.App, _ dbx.Params) error {
	for col, into := range map[string]map[string]*core.Record{"services": c.services, "facilities": c.places} {
		recs, err := app.FindAllRecords(col)
		if err != nil {
			return err
		}
		for _, r := range recs {
			into[r.Id] = r
		}
	}
	return nil
}

// compose builds one person's digest, or nothing when nothing is new.
func (d *Digests) compose(app core.App, c *content, who person) (outgoing, error) {
	if who.Role == "staff" {
		return d.composeStaff(app, c, who)
	}
	lang := d.lang(who.Language)
	var sections []Section
	if s := d.requestSection(app, c, who, lang); len(s.Items) > 0 {
		sections = append(sections, s)
	}
	if s := d.noticeSection(app, c, lang); len(s.Items) > 0 {
		sections = append(sections, s)
	}
	if s := d.bookingSection(c, who, lang); len(s.Items) > 0 {
		sections = append(sections, s)
	}
	o := outgoing{user: who.ID, kind: "resident"}
	if len(sections) == 0 {
		return o, nil
	}
	b := Letter{Paragraphs: []string{d.Bundle.T(lang, "digest.intro."+c.p.Kind, nil)}, Sections: sections}
	subject := d.Bundle.T(lang, "digest.subject."+c.p.Kind, map[string]any{"Town": d.Town.Get().NameIn(lang)})
	msg, err := d.letter(app, c.p, who, lang, subject, b, "digest.footer", ScopeDigest)
	o.msg = msg
	return o, err
}

func (d *Digests) requestSection(app core.App, c *content, who person, lang string) Section {
	s := Section{Title: d.Bundle.T(lang, "digest.requests", nil)}
	ids := c.byUser[who.ID]
	sort.Slice(ids, func(i, j int) bool { return c.requests[ids[i]].Number < c.requests[ids[j]].Number })
	for _, id := range ids {
		r := c.requests[id]
		var news []update
		for _, u := range c.updates[id] {
			if u.Author == "" || u.Author != who.ID {
				news = append(news, u)
			}
		}
		if len(news) == 0 {
			continue
		}
		note := d.Bundle.T(lang, "digest.updates", map[string]any{"Count": len(news)})
		if last := news[len(news)-1]; last.Body != "" {
			note += ": " + clip(strings.Join(strings.Fields(last.Body), " "), 200)
		}
		text := r.Number + " · " + d.name(c.services[r.Service], "name", lang) + ": " + d.Bundle.T(lang, "request.status."+r.Status, nil)
		s.Items = append(s.Items, Item{Text: text, Note: note, URL: town.AbsURL(app, "/"+lang+"/requests/"+r.Number)})
	}
	return d.capped(s, lang)
}

func (d *Digests) noticeSection(app core.App, c *content, lang string) Section {
	if s, ok := c.noticesIn[lang]; ok {
		return s
	}
	if c.noticesIn == nil {
		c.noticesIn = map[string]Section{}
	}
	c.noticesIn[lang] = d.makeNoticeSection(app, c, lang)
	return c.noticesIn[lang]
}

func (d *Digests) makeNoticeSection(app core.App, c *content, lang string) Section {
	s := Section{Title: d.Bundle.T(lang, "digest.notices", nil)}
	for _, n := range c.notices {
		body := strings.Join(strings.Fields(markdown.PlainText(d.name(n, "body", lang))), " ")
		s.Items = append(s.Items, Item{Text: d.name(n, "title", lang), Note: clip(body, 240), URL: town.AbsURL(app, "/"+lang+"/notices")})
	}
	return d.capped(s, lang)
}

func (d *Digests) bookingSection(c *content, who person, lang string) Section {
	s := Section{Title: d.Bundle.T(lang, "digest.reservations", nil)}
	for _, r := range c.bookings[who.ID] {
		when := d.date(r.Starts.Time(), lang) + ", " + r.Starts.Time().In(d.Town.Get().Location).Format("15:04")
		s.Items = append(s.Items, Item{Text: d.name(c.places[r.Facility], "name", lang) + ": " + when,
			Note: d.Bundle.T(lang, "digest.reservation."+r.Status, nil)})
	}
	return d.capped(s, lang)
}

// capped keeps a section to maxItems lines and says how many more there are.
func (d *Digests) capped(s Section, lang string) Section {
	if n := len(s.Items) - maxItems; n > 0 {
		s.Items = s.Items[:maxItems]
		s.More = d.Bundle.T(lang, "digest.more", map[string]any{"Count": n})
	}
	return s
}

// letter renders a digest or alert to one person, with its one-click
// unsubscribe link (RFC 8058) in the headers and under the footer.
func (d *Digests) letter(app core.App, p Period, who person, lang, subject string, b Letter, footerID, scope string) (*outbox.Message, error) {
	return renderUnsubscribable(app, d.Bundle, d.Town.Get(), who, lang, subject, b, footerID,
		d.Bundle.T(lang, "digest.unsubscribe", nil), scope, "digest:"+p.Key+":"+who.ID, "digest."+p.Kind)
}

// renderUnsubscribable renders b to who with the footer footerID and its
// one-click unsubscribe link for scope, in the headers and under the
// footer. The caller queues it beside the record of its sending.
func renderUnsubscribable(app core.App, bundle *i18n.Bundle, t *town.Town, who person, lang, subject string, b Letter, footerID, unsubscribe, scope, dedupe, kind string) (*outbox.Message, error) {
	link := UnsubscribeURL(app, who.ID, scope, lang)
	b.Unsubscribe = &Link{Label: unsubscribe, URL: link}
	return letterMessage(bundle, t, b, Mail{To: who.Email, ToName: clip(oneLine(who.Name), 120), Lang: lang,
		Subject: clip(oneLine(subject), 290), FooterID: footerID, DedupeKey: dedupe, Kind: kind,
		Headers: map[string]string{
			"List-Unsubscribe":      "<" + link + ">",
			"List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
			"Auto-Submitted":        "auto-generated",
		}})
}

// lang is the language to write to someone in.
func (d *Digests) lang(l string) string {
	if t := d.Town.Get(); t.Offers(l) {
		return l
	}
	return d.Town.Get().DefaultLanguage
}

func (d *Digests) name(r *core.Record, field, lang string) string {
	if r == nil {
		return ""
	}
	s, _ := i18n.Text(r, field, lang, d.Town.Get().DefaultLanguage)
	return s
}

func (d *Digests) date(t time.Time, lang string) string {
	return d.Bundle.Date(lang, t.In(d.Town.Get().Location))
}

// oneLine folds text onto one line, for names and subjects.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// dbTime formats t the way PocketBase stores dates, so they compare as text.
func dbTime(t time.Time) string {
	return t.UTC().Format(types.DefaultDateLayout)
}

// clip keeps s within limit characters, the outbox fields' limits.
func clip(s string, limit int) string {
	if r := []rune(s); len(r) > limit {
		return string(r[:limit-1]) + "…"
	}
	return s
}
