package web_test

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
)

// fetchGzip makes one GET to h accepting gzip, and returns the response with
// its body decompressed when it came gzipped.
func fetchGzip(t *testing.T, h http.Handler, path string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Accept-Encoding", "gzip, deflate, br")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	res := rec.Result()
	var body io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatalf("GET %s: bad gzip: %v", path, err)
		}
		body = zr
	}
	b, err := io.ReadAll(body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return res, string(b)
}

// Pages (fresh and from the page cache) and the stylesheet are sent gzipped
// to a browser that takes gzip, with Vary: Accept-Encoding; the stylesheet
// has a fingerprinted name and is kept for a year.
func TestCompressionAndFingerprints(t *testing.T) {
	_, h := demoMux(t)
	var css string
	for i, path := range []string{"/en/help/waste/bulk-item-pickup", "/en/help/waste/bulk-item-pickup", "/en/search?q=trash", "/es/services"} {
		res, body := fetchGzip(t, h, path)
		if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" ||
			!strings.Contains(res.Header.Get("Vary"), "Accept-Encoding") || !strings.Contains(body, "</html>") {
			t.Errorf("GET %s (#%d): status %d, encoding %q, vary %q, body %.100q", path, i, res.StatusCode,
				res.Header.Get("Content-Encoding"), res.Header.Get("Vary"), body)
		}
		if m := regexp.MustCompile(`href="(/static/townhall\.[0-9a-f]{10}\.css)"`).FindStringSubmatch(body); m != nil {
			css = m[1]
		} else {
			t.Errorf("GET %s: no fingerprinted stylesheet in the page", path)
		}
	}
	if css == "" {
		t.Fatal("no stylesheet to fetch")
	}
	res, body := fetchGzip(t, h, css)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(body, ".skip-link") ||
		res.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/css") {
		t.Errorf("GET %s: status %d, headers %v", css, res.StatusCode, res.Header)
	}
	// A client that takes no gzip gets the plain bytes.
	_, plain := fetch(t, h, "example.com", css, "")
	if plain != body {
		t.Errorf("GET %s without gzip: %d bytes, want %d", css, len(plain), len(body))
	}
	// The plain name still works, for a shorter time.
	if res, _ := fetchGzip(t, h, "/static/townhall.css"); res.StatusCode != http.StatusOK || strings.Contains(res.Header.Get("Cache-Control"), "immutable") {
		t.Errorf("GET /static/townhall.css: status %d, cache %q", res.StatusCode, res.Header.Get("Cache-Control"))
	}
}

// Every page has a meta description (search engines show it, and
// Lighthouse counts it), including the three that had none.
func TestMetaDescriptions(t *testing.T) {
	_, h := demoMux(t)
	for _, path := range []string{"/en/services", "/es/services", "/en/services/pothole/request", "/en/search", "/es/search?q=basura", "/en/requests", "/en/signin"} {
		_, body := fetchGzip(t, h, path)
		if !regexp.MustCompile(`<meta name="description" content="[^"]{20,}">`).MatchString(body) {
			t.Errorf("GET %s: no meta description", path)
		}
	}
}
