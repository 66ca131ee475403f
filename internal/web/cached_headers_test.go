package web_test

import (
	"net/http"
	"slices"
	"testing"
)

// A page from the page cache carries only the headers a browser acts on:
// no cookie (which would also keep shared caches from storing it) and no
// obsolete X-XSS-Protection.
func TestCachedPageHeaders(t *testing.T) {
	app := demo(t)(t)
	defer app.Cleanup()
	h := serveMux(t, app)
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
