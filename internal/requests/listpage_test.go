package requests_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/bulk"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// Paging forward by ?after= and back by ?before= lists every public request
// exactly once, newest first, even when many share a creation time, and
// never a private one.
func TestPublicPageWalksEveryRequestOnce(t *testing.T) {
	app, _ := townApp(t)
	twoServices(t, app)
	if _, err := bulk.Requests(app, 40, time.Now()); err != nil {
		t.Fatal(err)
	}
	// Ten more filed in the same millisecond.
	if _, err := app.DB().NewQuery(`UPDATE requests SET created = '2020-01-01 00:00:00.000Z'
		WHERE id IN (SELECT id FROM requests ORDER BY created LIMIT 10)`).Execute(); err != nil {
		t.Fatal(err)
	}
	var want []string
	if err := app.DB().Select("number").From("requests").Where(dbx.HashExp{"public": true}).
		OrderBy("created DESC", "number DESC").Column(&want); err != nil {
		t.Fatal(err)
	}
	var got []string
	f := requests.PageFilter{Limit: 7}
	var p requests.Page
	for pages := 0; pages == 0 || p.Older; pages++ {
		if pages > 20 {
			t.Fatal("paging does not end")
		}
		var err error
		if p, err = requests.PublicPage(app, f); err != nil {
			t.Fatal(err)
		}
		if p.Newer != (pages > 0) {
			t.Errorf("page %d: newer %v", pages, p.Newer)
		}
		got = append(got, numbers(p)...)
		f.After = got[len(got)-1]
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("forward:\n got %v\nwant %v", got, want)
	}
	if p.Total != len(want) || p.More {
		t.Errorf("total %d (more %v), want %d", p.Total, p.More, len(want))
	}
	// Back from the last page to the first.
	back := numbers(p)
	for f = (requests.PageFilter{Limit: 7, Before: back[0]}); ; f.Before = back[0] {
		var err error
		if p, err = requests.PublicPage(app, f); err != nil {
			t.Fatal(err)
		}
		back = append(numbers(p), back...)
		if !p.Newer {
			break
		}
	}
	if strings.Join(back, " ") != strings.Join(want, " ") {
		t.Fatalf("backward:\n got %v\nwant %v", back, want)
	}
}

// Counting stops past CountLimit, so the count costs the same whatever is
// stored; a status filter counts only its requests.
func TestPublicPageCountStops(t *testing.T) {
	app, _ := townApp(t)
	twoServices(t, app)
	if _, err := bulk.Requests(app, requests.CountLimit*10/9+20, time.Now()); err != nil {
		t.Fatal(err)
	}
	p, err := requests.PublicPage(app, requests.PageFilter{Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != requests.CountLimit || !p.More {
		t.Errorf("total %d, more %v: want %d and more", p.Total, p.More, requests.CountLimit)
	}
	p, err = requests.PublicPage(app, requests.PageFilter{Limit: 5, Status: "open"})
	if err != nil {
		t.Fatal(err)
	}
	n, err := app.CountRecords("requests", dbx.HashExp{"public": true}, dbx.NotIn("status", "resolved", "closed"))
	if err != nil {
		t.Fatal(err)
	}
	if p.More || p.Total != int(n) || n == 0 {
		t.Errorf("open: total %d (more %v), want %d", p.Total, p.More, n)
	}
}

// Each page of the public list, with each filter, walks the list index (the
// open requests' partial index for "open") in order: no table scan and no
// sort. An index that stops serving fails here.
func TestPublicListUsesItsIndex(t *testing.T) {
	app, _ := townApp(t)
	svc, _ := twoServices(t, app)
	last, err := bulk.Requests(app, 30, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []requests.PageFilter{
		{}, {Status: "open"}, {Status: "closed"}, {ServiceID: svc.Id}, {ServiceID: svc.Id, Status: "closed"},
		{After: last}, {Before: last}, {Status: "open", After: last},
	} {
		f.Limit = 50
		q := requests.PublicPageQuery(app, f).Build()
		index := requests.ListIndex(f.Status)
		schematest.AssertIndexed(t, app, fmt.Sprintf("page %+v", f), index, q.SQL(), q.Params())
		c := requests.CountQuery(app, requests.PublicConds(f.ServiceID, f.Status), requests.CountLimit)
		schematest.AssertIndexed(t, app, fmt.Sprintf("count %+v", f), index, c.SQL(), c.Params())
	}
}

// twoServices saves a pothole and a question service for bulk.Requests
// to file under.
func twoServices(t *testing.T, app core.App) (*core.Record, *core.Record) {
	t.Helper()
	dept := works(t, app)
	return pothole(t, app, dept), question(t, app, dept)
}

func numbers(p requests.Page) []string {
	var out []string
	for _, r := range p.Records {
		out = append(out, r.GetString("number"))
	}
	return out
}
