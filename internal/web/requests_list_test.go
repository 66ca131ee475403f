package web_test

import (
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/requests/bulk"
)

var pageLink = regexp.MustCompile(`<a rel="(prev|next)" href="([^"]+)"`)

// The public list pages by plain links (?after= and ?before= a request
// number), so a browser without JavaScript walks every page and back.
func TestRequestsListPagesByLinks(t *testing.T) {
	app := demoApp(t)
	if _, err := bulk.Requests(app, 120, time.Now()); err != nil {
		t.Fatal(err)
	}
	anon := newBrowser(t, app)
	links := func(body string) map[string]string {
		out := map[string]string{}
		for _, m := range pageLink.FindAllStringSubmatch(body, -1) {
			out[m[1]] = html.UnescapeString(m[2])
		}
		return out
	}
	first := anon.do("GET", "/en/requests?status=closed", nil)
	anon.expect(first, 200, "105 requests")
	l := links(first.Body.String())
	if l["prev"] != "" || !strings.Contains(l["next"], "status=closed&after=") {
		t.Fatalf("first page links %v", l)
	}
	seen := strings.Count(first.Body.String(), "<tr><td>")
	var last map[string]string
	for page := 2; l["next"] != ""; page++ {
		rec := anon.do("GET", l["next"], nil)
		anon.expect(rec, 200, "105 requests")
		seen += strings.Count(rec.Body.String(), "<tr><td>")
		last, l = l, links(rec.Body.String())
		if l["prev"] == "" || page > 5 {
			t.Fatalf("page %d links %v", page, l)
		}
	}
	if seen != 105 {
		t.Errorf("%d rows over the pages, want 105", seen)
	}
	back := anon.do("GET", l["prev"], nil)
	if got := links(back.Body.String()); got["next"] == "" || got["next"] != last["next"] {
		t.Errorf("back a page: links %v, want next %q", got, last["next"])
	}
}

// The list's first page is cached for visitors until a request changes:
// a row slipped into the database behind the app's back is not seen, a
// request filed through the app is at once.
func TestRequestsListCacheFollowsRequests(t *testing.T) {
	app := demoApp(t)
	if _, err := bulk.Requests(app, 30, time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	anon := newBrowser(t, app)
	anon.expect(anon.do("GET", "/en/requests?status=open", nil), 200, "1 request")
	if _, err := app.DB().NewQuery(`UPDATE requests SET status = 'new' WHERE status = 'resolved'`).Execute(); err != nil {
		t.Fatal(err)
	}
	anon.expect(anon.do("GET", "/en/requests?status=open", nil), 200, "1 request")
	rec, err := app.FindFirstRecordByData("requests", "status", "new")
	if err != nil {
		t.Fatal(err)
	}
	rec.Set("status", "in_progress")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	anon.expect(anon.do("GET", "/en/requests?status=open", nil), 200, "27 requests")
}
