package web_test

import (
	"net/http/httptest"
	"strings"
	"testing"
)

// A page served from the page cache sets no cookie, so that shared caches
// may keep it too; a visitor switching language still has the choice
// remembered, cached page or not, and a first visit to a page made for
// them gets the cookie.
func TestCachedPagesSetNoCookie(t *testing.T) {
	app := demo(t)(t)
	defer app.Cleanup()
	mux := serveMux(t, app)
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
