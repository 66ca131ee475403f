package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// fetch makes one request to the app's handler, as from host, with cookie.
func fetch(t *testing.T, h http.Handler, host, path, cookie string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, "http://"+host+path, nil)
	if cookie != "" {
		req.Header.Set("Cookie", cookie)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	body, err := io.ReadAll(rec.Result().Body)
	if err != nil {
		t.Fatal(err)
	}
	return rec.Result(), string(body)
}

// sessionOf is the session cookie of the user with email.
func sessionOf(t *testing.T, app core.App, email string) string {
	t.Helper()
	return "th_session=" + schematest.Token(t, app, email)
}

// A forged Host header never reaches a page, a feed or the page cache:
// absolute URLs come from the Application URL alone (here PocketBase's
// default, the case that used to fall back on the Host).
func TestForgedHostNeverInAbsoluteURLs(t *testing.T) {
	app, h := demoMux(t)
	cookie := sessionOf(t, app, "resident@aldercreek.example")
	paths := []string{"/en/", "/en/calendar", "/en/calendar.ics", "/en/developers", "/en/notices", "/en/notices.atom",
		"/sitemap.xml", "/robots.txt", "/.well-known/security.txt", "/open311/v2/discovery.json", "/open311/v2/requests.json"}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			for _, host := range []string{"evil.example", "localhost:8090"} { // the second may come from the cache
				if res, body := fetch(t, h, host, path, ""); res.StatusCode != http.StatusOK || strings.Contains(body, "evil.example") {
					t.Errorf("GET %s (Host %s): status %d, body has evil.example: %v", path, host, res.StatusCode, strings.Contains(body, "evil.example"))
				}
			}
		})
	}
	t.Run("/en/reservations", func(t *testing.T) {
		res, body := fetch(t, h, "evil.example", "/en/reservations", cookie)
		if res.StatusCode != http.StatusOK || strings.Contains(body, "evil.example") || !strings.Contains(body, "webcal://localhost:8090/") {
			t.Errorf("status %d; the feed link should be on the application URL:\n%.600s", res.StatusCode, body)
		}
	})
}

// Pages with one person's data are never stored by a browser or a proxy.
// (CORS needs the serve command: see internal/townhall's serve test.)
func TestPersonalPagesAreNotStored(t *testing.T) {
	app, h := demoMux(t)
	resident := sessionOf(t, app, "resident@aldercreek.example")
	r := submitted(t, app, requests.Input{ServiceCode: "pothole", Channel: "web", Address: "1 Main", ContactEmail: "jo@example.com",
		Answers: map[string][]string{"size": {"small"}}})
	number := r.GetString("number")
	tracking := "/en/requests/" + number + "?key=" + requests.Sign(app, "private", number)
	cases := []struct {
		name, path, cookie string
		noStore            bool
	}{
		{"home for a visitor", "/en/", "", false},
		{"help for a visitor", "/en/help", "", false},
		{"home signed in", "/en/", resident, true},
		{"help signed in", "/en/help", resident, true},
		{"account", "/en/account", resident, true},
		{"my requests", "/en/my-requests", resident, true},
		{"my reservations", "/en/reservations", resident, true},
		{"private tracking link", tracking, "", true},
		{"not found signed in", "/en/no-such-page", resident, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			res, _ := fetch(t, h, "localhost:8090", c.path, c.cookie)
			if got := res.Header.Get("Cache-Control") == "no-store"; got != c.noStore {
				t.Errorf("GET %s: Cache-Control %q, want no-store: %v", c.path, res.Header.Get("Cache-Control"), c.noStore)
			}
		})
	}
}
