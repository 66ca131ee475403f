package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/logger"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// A cached page changes as soon as its content is saved.
func TestPageCacheFollowsEdits(t *testing.T) {
	app, handler := demoMux(t)
	page := func() string {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest("GET", "/en/help/waste/bulk-item-pickup", nil))
		body, err := io.ReadAll(rec.Result().Body)
		if err != nil {
			t.Fatal(err)
		}
		return string(body)
	}
	for range 2 { // the second one comes from the cache
		if got := page(); !strings.Contains(got, "<h1>Bulk item pickup</h1>") {
			t.Fatalf("unexpected page:\n%.400s", got)
		}
	}
	rec, err := app.FindFirstRecordByData("pages", "slug", "bulk-item-pickup")
	if err != nil {
		t.Fatal(err)
	}
	rec.Set("title", "Big things pickup")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	if got := page(); !strings.Contains(got, "<h1>Big things pickup</h1>") {
		t.Errorf("the cache kept the old page after an edit:\n%.400s", got)
	}
}

// serveMux is the app's whole HTTP handler, for tests that make several
// requests to one app.
func serveMux(t testing.TB, app core.App) http.Handler { return schematest.Mux(t, app) }

// Page views and static files stay out of PocketBase's request log (server
// errors are logged by the site itself); form posts and the API are logged.
func TestPageViewsAreNotLogged(t *testing.T) {
	app := demoApp(t)
	app.Settings().Logs.MaxDays = 1 // test apps keep no logs
	handler := serveMux(t, app)
	for _, r := range []struct{ method, path string }{
		{"GET", "/en/help/waste/bulk-item-pickup"}, {"GET", "/static/townhall.css"}, {"GET", "/en/no-such-page"},
		{"POST", "/en/signin"}, {"GET", "/api/health"},
	} {
		handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(r.method, r.path, nil))
	}
	h, ok := app.Logger().Handler().(*logger.BatchHandler)
	if !ok {
		t.Fatalf("logger handler is %T", app.Logger().Handler())
	}
	// The log is written in the background: wait for the requests that
	// are logged, then look for the others.
	var got string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if err := h.WriteAll(context.Background()); err != nil {
			t.Fatal(err)
		}
		var logs []*core.Log
		if err := app.LogQuery().All(&logs); err != nil {
			t.Fatal(err)
		}
		var urls []string
		for _, l := range logs {
			if u, ok := l.Data["url"].(string); ok {
				urls = append(urls, fmt.Sprint(l.Data["method"], " ", u))
			}
		}
		if got = strings.Join(urls, ", "); strings.Contains(got, "POST /en/signin") && strings.Contains(got, "GET /api/health") {
			break
		}
	}
	if strings.Contains(got, "bulk-item-pickup") || strings.Contains(got, "townhall.css") || strings.Contains(got, "no-such-page") ||
		!strings.Contains(got, "POST /en/signin") || !strings.Contains(got, "GET /api/health") {
		t.Errorf("logged requests: %s", got)
	}
}

// A page from the page cache carries only the headers a browser acts on:
// no cookie (which would also keep shared caches from storing it) and no
// obsolete X-XSS-Protection.
func TestCachedPageHeaders(t *testing.T) {
	_, h := demoMux(t)
	want := []string{"Content-Encoding", "Content-Language", "Content-Length", "Content-Security-Policy", "Content-Type", "Cross-Origin-Opener-Policy",
		"Permissions-Policy", "Referrer-Policy", "Vary", "X-Content-Type-Options", "X-Frame-Options"}
	for i := range 2 { // rendered, then from the cache
		res, _ := fetchGzip(t, h, "/en/help/waste/bulk-item-pickup")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("GET #%d: status %d", i, res.StatusCode)
		}
		var got []string
		for k := range res.Header {
			got = append(got, k)
		}
		slices.Sort(got)
		if i == 1 && !slices.Equal(got, want) {
			t.Errorf("cached page's headers:\n got %v\nwant %v", got, want)
		}
	}
}

// A page served from the page cache sets no cookie, so that shared caches
// may keep it too; a visitor switching language still has the choice
// remembered, cached page or not, and a first visit to a page made for
// them gets the cookie.
func TestCachedPagesSetNoCookie(t *testing.T) {
	_, mux := demoMux(t)
	get := func(path, cookie string) string {
		req := httptest.NewRequest("GET", path, nil)
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != 200 {
			t.Fatalf("%s: %d", path, rec.Code)
		}
		return strings.Join(rec.Header().Values("Set-Cookie"), "; ")
	}
	const article = "/es/help/waste/bulk-item-pickup"
	get(article, "") // rendered and cached
	if c := get(article, ""); c != "" {
		t.Errorf("cached page sets %q", c)
	}
	if c := get(article, "th_lang=en"); !strings.Contains(c, "th_lang=es") {
		t.Errorf("a switch to Spanish sets %q", c)
	}
	if c := get("/en/search?q=trash", ""); !strings.Contains(c, "th_lang=en") {
		t.Errorf("a first visit to a page made for the visitor sets %q", c)
	}
	if c := get("/en/search?q=trash", "th_lang=en"); c != "" {
		t.Errorf("a visitor whose cookie is right gets %q", c)
	}
}
