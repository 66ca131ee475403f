package web_test

import (
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"
)

func TestNoticesFeed(t *testing.T) {
	f := demo(t)
	for _, lang := range []string{"en", "es"} {
		s := get("/"+lang+"/notices.atom", nil, 200, []string{`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="` + lang + `">`}, nil, f)
		s.AfterTestFunc = func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if ct := res.Header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if res.Header.Get("Last-Modified") == "" {
				t.Error("no Last-Modified")
			}
		}
		s.Test(t)
	}
	// Parse the feed: required Atom elements, one entry per notice, the
	// critical one marked.
	app := f(t)
	defer app.Cleanup()
	var feed struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []struct {
			ID       string `xml:"id"`
			Title    string `xml:"title"`
			Updated  string `xml:"updated"`
			Category struct {
				Term string `xml:"term,attr"`
			} `xml:"category"`
		} `xml:"entry"`
	}
	s := get("/es/notices.atom", nil, 200, []string{"<entry>"}, nil, func(testing.TB) *tests.TestApp { return app })
	s.DisableTestAppCleanup = true
	s.AfterTestFunc = func(t testing.TB, _ *tests.TestApp, res *http.Response) {
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		if err := xml.Unmarshal(body, &feed); err != nil {
			t.Fatalf("feed is not XML: %v", err)
		}
	}
	s.Test(t)
	if feed.ID == "" || feed.Title == "" || feed.Author.Name == "" || len(feed.Entries) != 2 {
		t.Fatalf("incomplete feed: %+v", feed)
	}
	if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil {
		t.Errorf("updated %q: %v", feed.Updated, err)
	}
	critical := 0
	for _, e := range feed.Entries {
		if e.Category.Term == "critical" {
			critical++
			if !strings.Contains(e.Title, "hervir el agua") {
				t.Errorf("critical entry not in Spanish: %q", e.Title)
			}
		}
	}
	if critical != 1 {
		t.Errorf("%d critical entries, want 1", critical)
	}
	// A feed reader that already has it gets 304.
	cond := get("/en/notices.atom", map[string]string{"If-Modified-Since": time.Now().Add(time.Hour).UTC().Format(http.TimeFormat)}, 304, nil, nil, f)
	cond.Test(t)
}

func TestSitemapRobotsSecurityTxt(t *testing.T) {
	f := demo(t)
	for _, s := range []tests.ApiScenario{
		get("/sitemap.xml", nil, 200, []string{
			`<loc>http://localhost:8090/en/help/waste/trash-and-recycling-collection</loc>`,
			`<xhtml:link rel="alternate" hreflang="es" href="http://localhost:8090/es/help/waste/recogida-de-basura-y-reciclaje">`,
			`hreflang="x-default"`, `<loc>http://localhost:8090/es/services/pothole</loc>`}, nil, f),
		get("/robots.txt", nil, 200, []string{"Disallow: /api/", "Sitemap: http://localhost:8090/sitemap.xml"}, nil, f),
		get("/.well-known/security.txt", nil, 200, []string{"Contact: mailto:clerk@aldercreek.example", "Expires: "}, nil, f),
		get("/theme.css", nil, 200, []string{"--brand:#1d4f6e"}, nil, f),
		get("/static/townhall.css", nil, 200, []string{".skip-link"}, nil, f),
	} {
		s.Test(t)
	}
}
