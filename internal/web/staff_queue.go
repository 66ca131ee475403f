package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/desk"
	"github.com/townhall/townhall/internal/town"
)

// queueData is the desk's queue page.
type queueData struct {
	Tabs        []queueTab
	Tab         string
	Rows        []queueRow
	Next        string // link to the next page, if any
	Form        *Form  // the filters, as typed, with their problems
	Filtered    bool
	Departments []option
	Services    []option
	Statuses    []string
	Channels    []string
	// The bulk form: the requests chosen, and what to do with them.
	Bulk       *Form
	BulkAction string
	Staff      []option
	Templates  []option
}

type queueTab struct {
	Key, Href string
	Count     int
	Current   bool
}

type option struct{ Value, Label string }

// queueRow is one request in the queue; times are in the town's zone.
type queueRow struct {
	Number, Service, Department, Status, Priority, Channel, Address, Assignee string
	Created                                                                   timeText
	Due                                                                       dueText
}

// timeText is an instant for people (the town's date and clock) and for
// machines.
type timeText struct {
	Text, ISO string
}

// dueText is a due date with its state: overdue, today or later ("" when
// closed or none), so it is said in words as well as in colour.
type dueText struct {
	timeText
	State string
}

var queueChannels = []string{requests.ChannelWeb, requests.ChannelEmail, requests.ChannelPhone, requests.ChannelWalkIn, requests.ChannelOpen311, requests.ChannelSMS}

// staffQueue is the desk's front page: tabs with counts, filters, search
// and one page of requests, newest first.
func (h *Handler) staffQueue(e *core.RequestEvent, lang string, s *desk.Staff) error {
	return h.renderQueue(e, lang, s, &Form{Values: map[string][]string{}})
}

// renderQueue shows the queue with the bulk form as posted.
func (h *Handler) renderQueue(e *core.RequestEvent, lang string, s *desk.Staff, bulk *Form) error {
	t := h.town.Get()
	now := h.now()
	q := e.Request.URL.Query()
	f := &Form{Values: q}
	d := &queueData{Form: f, Statuses: desk.Statuses, Channels: queueChannels, Bulk: bulk}
	if err := h.bulkChoices(e.App, s, d); err != nil {
		return h.fail(e, lang, err)
	}
	deptNames, mine, err := h.deskDepartments(e.App, lang, s)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d.Departments = append(d.Departments, mine...)
	svcNames, err := h.serviceNames(e.App, lang)
	if err != nil {
		return h.fail(e, lang, err)
	}
	for _, o := range svcNames {
		d.Services = append(d.Services, o)
	}
	slices.SortFunc(d.Services, func(a, b option) int { return strings.Compare(a.Label, b.Label) })
	filter := h.queueFilter(f, lang, s, d, t.Location)
	counts, err := s.Counts(e.App, now)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d.Tab = filter.Tab
	filter.ByDate = filter.Tab == "all" || counts[filter.Tab] > desk.SortLimit
	for _, tab := range s.Tabs() {
		d.Tabs = append(d.Tabs, queueTab{Key: tab, Count: counts[tab], Current: tab == filter.Tab, Href: queueLink(lang, q, tab, "")})
	}
	recs, next, err := s.Queue(e.App, filter, now)
	if err != nil {
		return h.fail(e, lang, err)
	}
	if next.ID != "" {
		d.Next = queueLink(lang, q, filter.Tab, next.String())
	}
	assignees, err := userNames(e.App, recs, "assignee")
	if err != nil {
		return h.fail(e, lang, err)
	}
	for _, r := range recs {
		d.Rows = append(d.Rows, queueRow{
			Number: r.GetString("number"), Service: svcNames[r.GetString("service")].Label, Department: deptNames[r.GetString("department")],
			Status: r.GetString("status"), Priority: r.GetString("priority"), Channel: r.GetString("channel"), Address: r.GetString("address"),
			Assignee: assignees[r.GetString("assignee")], Created: h.timeText(lang, r.GetDateTime("created").Time()),
			Due: h.dueText(lang, r, now),
		})
	}
	v := h.staffView(e, lang, "/staff", h.bundle.T(lang, "desk.queue.title", nil), s)
	v.Data = d
	d.BulkAction = "/" + lang + "/staff/bulk"
	if e.Request.URL.RawQuery != "" {
		d.BulkAction += "?" + e.Request.URL.RawQuery
	}
	status := http.StatusOK
	if len(f.Errors) > 0 || len(bulk.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	return h.render(e, status, "staff_queue", v)
}

// queueFilter reads the filters from the query; a value that is not one of
// the choices is dropped, and a bad date is said beside its field.
func (h *Handler) queueFilter(f *Form, lang string, s *desk.Staff, d *queueData, loc *time.Location) desk.Filter {
	pick := func(field string, ok bool) string {
		if v := f.Get(field); v != "" && ok {
			d.Filtered = true
			return v
		}
		return ""
	}
	tab := f.Get("tab")
	if !slices.Contains(s.Tabs(), tab) && tab != "all" {
		tab = desk.TabOpen
	}
	out := desk.Filter{
		Tab:        tab,
		Department: pick("department", slices.ContainsFunc(d.Departments, func(o option) bool { return o.Value == f.Get("department") })),
		Service:    pick("service", slices.ContainsFunc(d.Services, func(o option) bool { return o.Value == f.Get("service") })),
		Status:     pick("status", slices.Contains(desk.Statuses, f.Get("status"))),
		Channel:    pick("channel", slices.Contains(queueChannels, f.Get("channel"))),
		Search:     pick("q", len(f.Get("q")) <= 200),
		After:      desk.ParseCursor(f.Get("after")),
	}
	day := func(field string) time.Time {
		v := strings.TrimSpace(f.Get(field))
		if v == "" {
			return time.Time{}
		}
		t, err := time.ParseInLocation("2006-01-02", v, loc)
		if err != nil {
			h.fieldError(f, lang, field, "desk.error.date", nil)
			return time.Time{}
		}
		d.Filtered = true
		return t
	}
	out.From = day("from")
	if to := day("to"); !to.IsZero() {
		out.To = to.AddDate(0, 0, 1) // the whole of the last day
	}
	return out
}

// queueLink is the queue with the same filters, on tab, from cursor after.
func queueLink(lang string, q url.Values, tab, after string) string {
	v := url.Values{}
	for k, vs := range q {
		if k != "tab" && k != "after" && len(vs) > 0 && vs[0] != "" {
			v.Set(k, vs[0])
		}
	}
	v.Set("tab", tab)
	if after != "" {
		v.Set("after", after)
	}
	return "/" + lang + "/staff?" + v.Encode()
}

// serviceNames are every service's name in lang, by id.
func (h *Handler) serviceNames(app core.App, lang string) (map[string]option, error) {
	recs, err := app.FindAllRecords("services")
	if err != nil {
		return nil, err
	}
	out := make(map[string]option, len(recs))
	for _, r := range recs {
		svc, err := requests.ServiceIn(r, lang, h.town.Get().DefaultLanguage)
		if err != nil {
			return nil, err
		}
		out[r.Id] = option{r.Id, svc.Name}
	}
	return out, nil
}

// deskDepartments are the town's departments in lang: every one's name by
// id, and the ones s works in (the clerk: all of them) as options.
func (h *Handler) deskDepartments(app core.App, lang string, s *desk.Staff) (map[string]string, []option, error) {
	depts, err := town.Departments(app, lang, h.town.Get().DefaultLanguage)
	if err != nil {
		return nil, nil, err
	}
	names := make(map[string]string, len(depts))
	var mine []option
	for _, dp := range depts {
		names[dp.ID] = dp.Name
		if s.Clerk || slices.Contains(s.Departments, dp.ID) {
			mine = append(mine, option{dp.ID, dp.Name})
		}
	}
	return names, mine, nil
}

// userNames are the names (or emails) of the users that recs' field names.
func userNames(app core.App, recs []*core.Record, field string) (map[string]string, error) {
	var ids []any
	for _, r := range recs {
		if id := r.GetString(field); id != "" {
			ids = append(ids, id)
		}
	}
	out := map[string]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var users []*core.Record
	if err := app.RecordQuery("users").AndWhere(dbx.In("id", ids...)).All(&users); err != nil {
		return nil, err
	}
	for _, u := range users {
		out[u.Id] = displayName(u)
	}
	return out, nil
}

func displayName(u *core.Record) string {
	if n := u.GetString("name"); n != "" {
		return n
	}
	return u.Email()
}

// timeText is tm in the town's zone, as "5 December 2026, 2:30 p.m.".
func (h *Handler) timeText(lang string, tm time.Time) timeText {
	if tm.IsZero() {
		return timeText{}
	}
	local := tm.In(h.town.Get().Location)
	return timeText{
		Text: h.bundle.Date(lang, local) + ", " + formatClock(h.bundle, lang, local.Format("15:04")),
		ISO:  tm.UTC().Format(time.RFC3339),
	}
}

// dueText is req's due date and its state at now, by the town's calendar.
func (h *Handler) dueText(lang string, req *core.Record, now time.Time) dueText {
	due := req.GetDateTime("due").Time()
	if due.IsZero() {
		return dueText{}
	}
	d := dueText{timeText: h.timeText(lang, due)}
	if !requests.IsOpen(req.GetString("status")) {
		return d
	}
	loc := h.town.Get().Location
	y1, m1, d1 := due.In(loc).Date()
	y2, m2, d2 := now.In(loc).Date()
	switch {
	case due.Before(now):
		d.State = "overdue"
	case y1 == y2 && m1 == m2 && d1 == d2:
		d.State = "today"
	default:
		d.State = "later"
	}
	return d
}
