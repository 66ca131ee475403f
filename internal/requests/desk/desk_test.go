package desk_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests/desk"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// deskTown is a town of its own (townhalltest.NewEmptyTown) with two
// departments, public-works and water, and a service in each: the services
// by their department's slug.
func deskTown(t testing.TB) (core.App, map[string]*core.Record) {
	t.Helper()
	app, _ := townhalltest.NewEmptyTown(t)
	svcs := map[string]*core.Record{}
	for _, slug := range []string{"public-works", "water"} {
		svcs[slug] = schematest.Service(t, app, schematest.Department(t, app, slug), slug+"-service", nil)
	}
	return app, svcs
}

// row is a request the fixture inserts directly (the desk only reads
// them): status, department slug, due offset from now in hours (0: none),
// assignee.
type row struct {
	status, dept string
	dueHours     int
	assignee     string
}

func insert(t testing.TB, app core.App, svcs map[string]*core.Record, rows []row, created string) {
	t.Helper()
	now := time.Now()
	for i, r := range rows {
		s := svcs[r.dept]
		due := ""
		if r.dueHours != 0 {
			due = now.Add(time.Duration(r.dueHours) * time.Hour).UTC().Format("2006-01-02 15:04:05.000Z")
		}
		_, err := app.DB().NewQuery(`INSERT INTO requests (id, number, service, status, channel, department, language, due, assignee, created, updated)
			VALUES ({:id}, {:number}, {:service}, {:status}, 'web', {:dept}, 'en', {:due}, {:assignee}, {:created}, {:created})`).Bind(dbx.Params{
			"id": fmt.Sprintf("fx%013d", i), "number": fmt.Sprintf("2024-%05d", i+1), "service": s.Id, "status": r.status,
			"dept": s.GetString("department"), "due": due, "assignee": r.assignee, "created": created,
		}).Execute()
		if err != nil {
			t.Fatal(err)
		}
	}
}

// The tabs' counts on a small fixture, for the clerk and for a staff member
// of one department.
func TestCounts(t *testing.T) {
	app, svcs := deskTown(t)
	insert(t, app, svcs, []row{
		{"new", "public-works", -48, ""},        // overdue, unassigned
		{"new", "public-works", 48, "me"},       // mine
		{"in_progress", "public-works", -1, ""}, // overdue
		{"waiting", "public-works", 0, "me"},    // mine, no due date
		{"resolved", "public-works", -48, ""},   // closed: in no tab
		{"closed", "public-works", 0, "me"},     // closed
		{"new", "water", -48, ""},               // another department
		{"waiting", "water", 24, ""},
	}, "2024-05-01 10:00:00.000Z")
	now := time.Now()
	clerk := &desk.Staff{Clerk: true}
	got, err := clerk.Counts(app, now)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int{"new": 3, "open": 6, "overdue": 3, "waiting": 2, "unassigned": 4}
	for tab, n := range want {
		if got[tab] != n {
			t.Errorf("clerk %s: %d, want %d (all %v)", tab, got[tab], n, got)
		}
	}
	pw := &desk.Staff{ID: "me", Departments: []string{svcs["public-works"].GetString("department")}}
	got, err = pw.Counts(app, now)
	if err != nil {
		t.Fatal(err)
	}
	want = map[string]int{"new": 2, "open": 4, "overdue": 2, "waiting": 1, "mine": 2, "unassigned": 2}
	for tab, n := range want {
		if got[tab] != n {
			t.Errorf("staff %s: %d, want %d (all %v)", tab, got[tab], n, got)
		}
		recs, _, err := pw.Queue(app, desk.Filter{Tab: tab, Limit: 100}, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(recs) != n {
			t.Errorf("staff %s lists %d, counts %d", tab, len(recs), n)
		}
	}
}

// Paging by cursor returns every request exactly once, even when many share
// the same creation time.
func TestPagingReturnsEachRequestOnce(t *testing.T) {
	app, svcs := deskTown(t)
	var rows []row
	for range 23 {
		rows = append(rows, row{"new", "public-works", 0, ""})
	}
	insert(t, app, svcs, rows, "2024-05-01 10:00:00.000Z")
	clerk := &desk.Staff{Clerk: true}
	seen := map[string]int{}
	f := desk.Filter{Tab: "open", Limit: 5}
	for pages := 0; ; pages++ {
		if pages > 10 {
			t.Fatal("paging does not end")
		}
		recs, next, err := clerk.Queue(app, f, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range recs {
			seen[r.Id]++
		}
		if next.ID == "" {
			break
		}
		f.After = desk.ParseCursor(next.String())
	}
	if len(seen) != 23 {
		t.Errorf("saw %d requests, want 23", len(seen))
	}
	for id, n := range seen {
		if n != 1 {
			t.Errorf("%s listed %d times", id, n)
		}
	}
}

// The queue's pages and the tab counts are read through indexes, never by
// sorting the whole table: a missing index fails here.
func TestQueueUsesAnIndex(t *testing.T) {
	app, svcs := deskTown(t)
	now := time.Now()
	pw := svcs["public-works"].GetString("department")
	cases := []struct {
		name  string
		staff *desk.Staff
		f     desk.Filter
	}{
		{"clerk open", &desk.Staff{Clerk: true}, desk.Filter{Tab: "open", ByDate: true}},
		{"clerk next page", &desk.Staff{Clerk: true}, desk.Filter{Tab: "new", ByDate: true, After: desk.Cursor{Created: "2024-05-01 10:00:00.000Z", ID: "abc"}}},
		{"clerk all", &desk.Staff{Clerk: true}, desk.Filter{Tab: "all", ByDate: true}},
		{"staff open", &desk.Staff{ID: "me", Departments: []string{pw}}, desk.Filter{Tab: "open", ByDate: true}},
		{"staff mine", &desk.Staff{ID: "me", Departments: []string{pw}}, desk.Filter{Tab: "mine", ByDate: true}},
	}
	for _, c := range cases {
		q := c.staff.QueueQuery(app, c.f, now).Build()
		plan := schematest.Plan(t, app, q.SQL(), q.Params())
		if !strings.Contains(plan, "USING INDEX idx_requests_desk_") || strings.Contains(plan, "TEMP B-TREE") {
			t.Errorf("%s: plan does not page by the date index:\n%s", c.name, plan)
		}
		// A small tab is found by status through an index, then sorted.
		c.f.ByDate = false
		q = c.staff.QueueQuery(app, c.f, now).Build()
		if plan := schematest.Plan(t, app, q.SQL(), q.Params()); !strings.Contains(plan, "SEARCH requests USING") && c.f.Tab != "all" {
			t.Errorf("%s: a small tab is not found by an index:\n%s", c.name, plan)
		}
	}
	for _, s := range []*desk.Staff{{Clerk: true}, {ID: "me", Departments: []string{pw}}} {
		q := s.CountsQuery(app, now).Build()
		if plan := schematest.Plan(t, app, q.SQL(), q.Params()); !strings.Contains(plan, "COVERING INDEX idx_requests_status") {
			t.Errorf("counts do not use the covering index:\n%s", plan)
		}
	}
}
