package web_test

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

var (
	switchLinkRe = regexp.MustCompile(`<nav class="langs"[^>]*><ul>\s*((?:<li><a [^>]*>[^<]*</a></li>\s*)+)</ul>`)
	switchHrefRe = regexp.MustCompile(`<a href="([^"]*)" lang="([a-z]{2})"`)
	pageLinkRe   = regexp.MustCompile(`href="(/(?:en|es)/[^"#]*)"`)
)

// switchLinks are the language switcher's links of a page, by language.
func switchLinks(body string) map[string]string {
	out := map[string]string{}
	m := switchLinkRe.FindStringSubmatch(body)
	if m == nil {
		return out
	}
	for _, a := range switchHrefRe.FindAllStringSubmatch(m[1], -1) {
		out[a[2]] = html.UnescapeString(a[1])
	}
	return out
}

// Every page's language switcher leads to the same page in the other
// language, with its query: a crawl over the site as the signed-in demo
// resident (so registration and booking forms are reached), from both home
// pages, a search and an anonymous reporter's private tracking link.
func TestSwitcherKeepsPlaceOnEveryPage(t *testing.T) {
	app := demoApp(t)
	anon := newBrowser(t, app)
	rec := anon.do("POST", "/en/services/general/request", url.Values{"action": {"submit"},
		"description": {"When is the dump open?"}, "contact_email": {"ana@example.com"}})
	received := rec.Header().Get("Location")
	if rec.Code != 303 || !strings.Contains(received, "key=") {
		t.Fatalf("anonymous question: %d %q %.300s", rec.Code, received, rec.Body.String())
	}
	track := strings.Replace(received, "/received?", "?", 1)
	b := anon.another()
	signIn(t, app, b)
	queue := []string{"/en/", "/es/", "/en/search?q=trash", "/es/search?q=basura", received, track}
	seen := map[string]bool{}
	withQuery := 0
	for len(queue) > 0 && len(seen) < 600 {
		page := queue[0]
		queue = queue[1:]
		if seen[page] {
			continue
		}
		seen[page] = true
		rec := b.do("GET", page, nil)
		if rec.Code != 200 {
			continue // redirects (sign-in, feeds) and files are other tests' business
		}
		body := rec.Body.String()
		checkSwitcher(t, b, page, body)
		if strings.Contains(page, "?") {
			withQuery++
		}
		for _, m := range pageLinkRe.FindAllStringSubmatch(body, -1) {
			link := html.UnescapeString(m[1])
			if !seen[link] && crawlable(link) {
				queue = append(queue, link)
			}
		}
	}
	if withQuery < 10 {
		t.Errorf("the crawl reached only %d pages with a query; it should reach forms, filters and weeks", withQuery)
	}
}

// crawlable leaves out feeds, files and what a resident cannot open.
func crawlable(link string) bool {
	for _, s := range []string{".atom", ".ics", "/files/", "/staff", "/editor", "/calendar/private"} {
		if strings.Contains(link, s) {
			return false
		}
	}
	return true
}

// checkSwitcher follows each other-language link of page and wants a 200
// page, with the same query (a ?next= in its language).
func checkSwitcher(t *testing.T, b *browser, page, body string) {
	t.Helper()
	links := switchLinks(body)
	if len(links) != 2 {
		t.Errorf("%s: switcher has %d links", page, len(links))
		return
	}
	from, _ := url.Parse(page)
	for lang, href := range links {
		if strings.HasPrefix(page, "/"+lang+"/") {
			continue
		}
		to, err := url.Parse(href)
		if err != nil {
			t.Errorf("%s: switcher link %q: %v", page, href, err)
			continue
		}
		if samePath := "/" + lang + from.Path[3:]; to.Path != samePath && !strings.HasPrefix(from.Path[3:], "/help/") {
			t.Errorf("%s: %s switcher link %q leads elsewhere than %s", page, lang, href, samePath)
		}
		want, got := from.Query(), to.Query()
		if n := want.Get("next"); n != "" {
			want.Set("next", "/"+lang+n[3:])
		}
		if want.Encode() != got.Encode() {
			t.Errorf("%s: %s switcher link %q drops the query (want ?%s)", page, lang, href, want.Encode())
		}
		if rec := b.do("GET", href, nil); rec.Code != 200 {
			t.Errorf("%s: %s switcher link %q answers %d", page, lang, href, rec.Code)
		}
	}
}
