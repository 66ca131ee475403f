package metrics_test

import (
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/metrics"
	"github.com/townhall/townhall/internal/schema"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/town"
)

func TestMain(m *testing.M) { schematest.Run(m) }

// ny is the fixture town's zone; clocks go forward there on Sunday 8 March
// 2026 (US daylight saving time).
func ny(t testing.TB) *time.Location { return schematest.Location(t, "America/New_York") }

// fixtureTown works Monday to Friday until 17:00 (no hours listed).
func fixtureTown(t testing.TB) *town.Town {
	return &town.Town{Name: "Fixture", Location: ny(t), Languages: []string{"en"}, DefaultLanguage: "en"}
}

// exec runs a statement on the fixture database, failing the test on an error.
func exec(t testing.TB, app core.App, table string, cols dbx.Params) {
	t.Helper()
	if _, err := app.DB().Insert(table, cols).Execute(); err != nil {
		t.Fatalf("insert into %s: %v", table, err)
	}
}

// fixtureServices adds two departments and their services: pothole (roads,
// 2 response days) and permit (clerk, 5 response days).
func fixtureServices(t testing.TB, app core.App) {
	exec(t, app, "departments", dbx.Params{"id": "roads", "name": "Roads", "slug": "roads"})
	exec(t, app, "departments", dbx.Params{"id": "clerk", "name": "Clerk", "slug": "clerk"})
	exec(t, app, "services", dbx.Params{"id": "pothole", "code": "pothole", "name": "Pothole", "department": "roads", "response_days": 2, "active": true})
	exec(t, app, "services", dbx.Params{"id": "permit", "code": "permit", "name": "Permit", "department": "clerk", "response_days": 5, "active": true})
}

// req is one fixture request; times are written in New York.
type req struct {
	id, service, channel, status, created, due, closed, dup, sat string
	reopens                                                      int
}

func (r req) insert(t testing.TB, app core.App, loc *time.Location) {
	t.Helper()
	parse := func(s string) time.Time { return schematest.At(t, loc, s) }
	at := func(s string) string {
		if s == "" {
			return ""
		}
		return parse(s).UTC().Format("2006-01-02 15:04:05.000Z")
	}
	dept := map[string]string{"pothole": "roads", "permit": "clerk"}[r.service]
	days, onTime := requests.Closing(parse(r.created), parse(r.closed), parse(r.due), loc)
	exec(t, app, "requests", dbx.Params{
		"id": r.id, "number": "2026-" + r.id, "service": r.service, "department": dept, "channel": r.channel,
		"status": r.status, "created": at(r.created), "updated": at(r.created), "closed_at": at(r.closed), "due": at(r.due),
		"close_days": days, "closed_on_time": onTime, "duplicate_of": r.dup, "reopens": r.reopens, "satisfaction": r.sat, "public": true,
		"description": "Call me on 555-867-5309", "address": "31 Mill Street", "contact_name": "Ana Reporter",
		"contact_email": "ana@example.com", "contact_phone": "555-867-5309",
	})
}

// fixture is a month of requests whose figures are worked out by hand in
// TestFiguresByHand. Comments give each request's days to close on the
// town's clocks and its deadline (response days counted in business days,
// Monday to Friday, due at 17:00 of the last one).
var fixture = []req{
	// Fri 6 Mar 10:00 → Mon 9 Mar 10:00 across the clock change: 3 days
	// (71 hours); due Tue 10 Mar: on time though 3 calendar days > 2.
	{id: "a", due: "2026-03-10 17:00", service: "pothole", channel: "web", status: "resolved", created: "2026-03-06 10:00", closed: "2026-03-09 10:00", sat: "yes"},
	// Tue 3 → Fri 6 Mar 12:00: 3.125 days; due Thu 5 Mar 17:00: late.
	{id: "b", due: "2026-03-05 17:00", service: "pothole", channel: "email", status: "closed", created: "2026-03-03 09:00", closed: "2026-03-06 12:00"},
	// Mon 2 → Mon 9 Mar 08:00: 7 days; due Mon 9 Mar 17:00: on time.
	{id: "c", due: "2026-03-09 17:00", service: "permit", channel: "phone", status: "resolved", created: "2026-03-02 08:00", closed: "2026-03-09 08:00"},
	// Tue 31 Mar 23:30 in New York is 1 April in UTC: received in March. Open.
	{id: "d", due: "2026-04-02 17:00", service: "pothole", channel: "web", status: "new", created: "2026-03-31 23:30"},
	// Wed 1 April 00:30: not March. Open.
	{id: "e", due: "2026-04-03 17:00", service: "pothole", channel: "web", status: "new", created: "2026-04-01 00:30"},
	// Received in February, closed Mon 2 Mar 10:00: 3 days; due Fri 6 Mar: on time.
	{id: "f", due: "2026-03-06 17:00", service: "permit", channel: "web", status: "resolved", created: "2026-02-27 10:00", closed: "2026-03-02 10:00"},
	// Reopened once, closed again Fri 20 Mar: 10 days; due Thu 12 Mar: late.
	{id: "g", due: "2026-03-12 17:00", service: "pothole", channel: "web", status: "closed", created: "2026-03-10 09:00", closed: "2026-03-20 09:00", reopens: 1, sat: "no"},
	// A duplicate of a: left out of every figure.
	{id: "h", due: "2026-03-13 17:00", service: "pothole", channel: "web", status: "closed", created: "2026-03-11 09:00", closed: "2026-03-11 10:00", dup: "a"},
	// Reopened and still open since Thu 12 Mar.
	{id: "i", due: "2026-03-16 17:00", service: "pothole", channel: "web", status: "new", created: "2026-03-12 09:00", reopens: 1},
	// Open since 1 January and 1 February.
	{id: "j", due: "2026-01-08 17:00", service: "permit", channel: "walk_in", status: "waiting", created: "2026-01-01 10:00"},
	{id: "k", due: "2026-02-06 17:00", service: "permit", channel: "web", status: "in_progress", created: "2026-02-01 10:00"},
	// Thu 5 Mar 10:00 → 16:00: 0.25 days; due Mon 9 Mar: on time.
	{id: "l", due: "2026-03-09 17:00", service: "pothole", channel: "web", status: "resolved", created: "2026-03-05 10:00", closed: "2026-03-05 16:00", sat: "yes"},
}

// fixtureNow is Thursday 2 April 2026, noon in New York.
func fixtureNow(t testing.TB) time.Time { return time.Date(2026, 4, 2, 12, 0, 0, 0, ny(t)) }

func fixtureApp(t testing.TB) core.App {
	app := schematest.App(t)
	fixtureServices(t, app)
	for _, r := range fixture {
		r.insert(t, app, ny(t))
	}
	return app
}

// Every figure for March 2026, worked out by hand from the fixture.
func TestFiguresByHand(t *testing.T) {
	app := fixtureApp(t)
	tw := fixtureTown(t)
	now := fixtureNow(t)
	march := metrics.Named(metrics.LastMonth, now, tw.Location)
	if want := time.Date(2026, 3, 1, 0, 0, 0, 0, tw.Location); !march.From.Equal(want) || !march.To.Equal(want.AddDate(0, 1, 0)) {
		t.Fatalf("last month is %v–%v", march.From, march.To)
	}
	rep, err := metrics.Load(app, tw.Location, march, metrics.Scope{}, fixtureKeys(t, app), now)
	if err != nil {
		t.Fatal(err)
	}
	// Received in March: a b c d g i l (d by New York's date; not e, f, h, j, k).
	if rep.Received != 7 {
		t.Errorf("received %d, want 7", rep.Received)
	}
	wantCounts(t, "by service", rep.ByService, []metrics.Count{{"pothole", 6}, {"permit", 1}})
	wantCounts(t, "by department", rep.ByDepartment, []metrics.Count{{"roads", 6}, {"clerk", 1}})
	wantCounts(t, "by channel", rep.ByChan, []metrics.Count{{"web", 5}, {"email", 1}, {"phone", 1}})
	// Weeks from Monday 23 Feb (holding 1 March): c b l a; g i; d.
	wantWeeks := []int{0, 4, 2, 0, 0, 1}
	if len(rep.ByWeek) != len(wantWeeks) {
		t.Fatalf("weeks %v, want %d", rep.ByWeek, len(wantWeeks))
	}
	for i, w := range rep.ByWeek {
		start := time.Date(2026, 2, 23, 0, 0, 0, 0, tw.Location).AddDate(0, 0, 7*i)
		if !w.Start.Equal(start) || w.N != wantWeeks[i] {
			t.Errorf("week %d: %v %d, want %v %d", i, w.Start, w.N, start, wantWeeks[i])
		}
	}
	// Closed in March: a b c f g l. Days 3, 3.125, 7, 3, 10, 0.25; sorted
	// 0.25 3 3 3.125 7 10: median (3+3.125)/2, 90th percentile the 6th.
	if rep.Closed != 6 {
		t.Errorf("closed %d, want 6", rep.Closed)
	}
	if rep.Days != (metrics.Spread{N: 6, Median: 3.0625, P90: 10}) {
		t.Errorf("days to close %+v, want median 3.0625 and 90th percentile 10", rep.Days)
	}
	// On time: a c f l; late: b g.
	if rep.OnTime != 4 {
		t.Errorf("on time %d of %d, want 4", rep.OnTime, rep.Closed)
	}
	// Open on 2 April: d (2 days), e (1), i (21), k (60), j (91).
	if rep.Backlog != [4]int{2, 1, 1, 1} {
		t.Errorf("backlog %v, want [2 1 1 1]", rep.Backlog)
	}
	// Of the received, closed at least once: a b c g i l; reopened: g i.
	if rep.Reopened != 2 || rep.EverClosed != 6 {
		t.Errorf("reopened %d of %d, want 2 of 6", rep.Reopened, rep.EverClosed)
	}
	if rep.Yes != 2 || rep.No != 1 {
		t.Errorf("satisfaction %d yes %d no, want 2 and 1", rep.Yes, rep.No)
	}
}

// A staff member's scope counts only their departments' requests.
func TestFiguresInScope(t *testing.T) {
	app := fixtureApp(t)
	tw := fixtureTown(t)
	now := fixtureNow(t)
	march := metrics.Named(metrics.LastMonth, now, tw.Location)
	rep, err := metrics.Load(app, tw.Location, march, metrics.Scope{Departments: []string{"clerk"}}, fixtureKeys(t, app), now)
	if err != nil {
		t.Fatal(err)
	}
	// Received c; closed c (7 days) and f (3 days), both on time; open j, k.
	if rep.Received != 1 || rep.Closed != 2 || rep.OnTime != 2 || rep.Days != (metrics.Spread{N: 2, Median: 5, P90: 7}) ||
		rep.Backlog != [4]int{0, 0, 1, 1} {
		t.Errorf("clerk's figures %+v", rep)
	}
	none, err := metrics.Load(app, tw.Location, march, metrics.Scope{Departments: []string{}}, fixtureKeys(t, app), now)
	if err != nil {
		t.Fatal(err)
	}
	if none.Received != 0 || none.Closed != 0 || none.Backlog != [4]int{} {
		t.Errorf("staff with no department see %+v", none)
	}
	roads, err := metrics.Load(app, tw.Location, march, metrics.Scope{Department: "roads"}, fixtureKeys(t, app), now)
	if err != nil {
		t.Fatal(err)
	}
	if roads.Received != 6 || roads.Closed != 4 {
		t.Errorf("roads: received %d closed %d, want 6 and 4", roads.Received, roads.Closed)
	}
}

// A custom period is the town's calendar days, both ends included.
func TestCustomPeriod(t *testing.T) {
	loc := ny(t)
	p, err := metrics.Days(time.Date(2026, 3, 8, 0, 0, 0, 0, loc), time.Date(2026, 3, 8, 0, 0, 0, 0, loc), loc)
	if err != nil {
		t.Fatal(err)
	}
	// The day the clocks go forward has 23 hours.
	if p.To.Sub(p.From) != 23*time.Hour {
		t.Errorf("8 March lasts %v, want 23h", p.To.Sub(p.From))
	}
	if _, err := metrics.Days(time.Date(2026, 3, 9, 0, 0, 0, 0, loc), time.Date(2026, 3, 8, 0, 0, 0, 0, loc), loc); err != metrics.ErrPeriodOrder {
		t.Errorf("backwards period: %v", err)
	}
	if _, err := metrics.Days(time.Date(2025, 1, 1, 0, 0, 0, 0, loc), time.Date(2026, 3, 8, 0, 0, 0, 0, loc), loc); err != metrics.ErrPeriodLong {
		t.Errorf("long period: %v", err)
	}
}

func wantCounts(t *testing.T, what string, got, want []metrics.Count) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s %v, want %v", what, got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s %v, want %v", what, got, want)
			return
		}
	}
}

// The fixture's due dates, worked out by hand above, are what the request
// rules set (requests.DueDate: response days counted in business days, due
// at the close of the last), so "on time" in the figures is the service's
// response days in business days.
func TestFixtureDueDatesAreBusinessDays(t *testing.T) {
	tw := fixtureTown(t)
	days := map[string]int{"pothole": 2, "permit": 5}
	for _, r := range fixture {
		created, due := schematest.At(t, tw.Location, r.created), schematest.At(t, tw.Location, r.due)
		if got := requests.DueDate(tw, created, days[r.service]); !got.Equal(due) {
			t.Errorf("%s filed %s: due %v, the fixture says %v", r.id, r.created, got, due)
		}
	}
}

// fixtureKeys are the fixture's services, departments and every channel.
func fixtureKeys(t testing.TB, app core.App) metrics.Keys {
	t.Helper()
	k, err := metrics.LoadKeys(app, schema.RequestChannels)
	if err != nil {
		t.Fatal(err)
	}
	return k
}
