package web_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests/bulk"
)

// BenchmarkFlat measures what could grow with the requests a town has
// stored, at 1,000 and at 100,000 (TOWNHALL_BENCH_MILLION=1 adds 1,000,000,
// which takes minutes to generate): the public list's first page and a deep
// page (both uncached), Open311 requests.json for the last 30 days, for
// the open requests (a page of 15) and with no parameters, the desk's new
// requests, the metrics page for the last 7 days, a tracking page and a
// form submission. Every size has the same backlog (benchOpen requests
// still open, the newest) and the same last 7 days, so only the history
// differs. Each reports its p50 and p95; flat means the larger sizes'
// figures are within 2x of the 1,000 one.
//
//	go test -run '^$' -bench BenchmarkFlat -benchtime 200x ./internal/web/
func BenchmarkFlat(b *testing.B) {
	sizes := []int{1000, 100_000}
	if os.Getenv("TOWNHALL_BENCH_MILLION") != "" {
		sizes = append(sizes, 1_000_000)
	}
	for _, n := range sizes {
		app := demo(b)(b)
		start := time.Now()
		last, err := bulk.RequestsOpen(app, n, benchOpen, time.Now().Add(-time.Minute))
		if err != nil {
			b.Fatal(err)
		}
		b.Logf("%d requests generated in %v", n, time.Since(start).Round(time.Millisecond))
		mux := serveMux(b, app)
		year, seq := splitNumber(b, last)
		rng := rand.New(rand.NewPCG(1, 2))
		since := url.QueryEscape(time.Now().AddDate(0, 0, -30).UTC().Format(time.RFC3339))
		pages := map[string]func() string{
			"list-first":    func() string { return "/en/requests?status=&service=" }, // not a cached filter string
			"list-deep":     func() string { return fmt.Sprintf("/en/requests?after=%d-%04d", year, 1+rng.IntN(max(1, seq/10))) },
			"open311-30d":   func() string { return "/open311/v2/requests.json?start_date=" + since },
			"open311-open":  func() string { return "/open311/v2/requests.json?status=open&page_size=15" },
			"open311-plain": func() string { return "/open311/v2/requests.json" },
			"tracking":      func() string { return fmt.Sprintf("/en/requests/%d-%04d", year, 1+rng.IntN(seq)) },
		}
		for _, name := range []string{"list-first", "list-deep", "open311-30d", "open311-open", "open311-plain", "tracking"} {
			b.Run(fmt.Sprintf("requests=%d/%s", n, name), func(b *testing.B) { latencies(b, mux, pages[name]) })
		}
		staff := asClerk(b, app, mux)
		b.Run(fmt.Sprintf("requests=%d/desk-new", n), func(b *testing.B) {
			latencies(b, staff, func() string { return "/en/staff?tab=new" })
		})
		week := fmt.Sprintf("/en/staff/metrics?period=custom&from=%s&to=%s",
			time.Now().AddDate(0, 0, -6).Format(time.DateOnly), time.Now().Format(time.DateOnly))
		b.Run(fmt.Sprintf("requests=%d/metrics-week", n), func(b *testing.B) {
			latencies(b, staff, func() string { return week })
		})
		b.Run(fmt.Sprintf("requests=%d/submit", n), func(b *testing.B) { submitLatencies(b, mux) })
		app.Cleanup()
	}
}

// benchOpen is the backlog of every size BenchmarkFlat measures: what
// bulk.Requests leaves open from 15,000 requests on.
const benchOpen = 300

// splitNumber reads 2026-0042 as 2026 and 42.
func splitNumber(b *testing.B, number string) (year, seq int) {
	if _, err := fmt.Sscanf(number, "%d-%d", &year, &seq); err != nil {
		b.Fatalf("number %q: %v", number, err)
	}
	return year, seq
}

// asClerk is mux with the clerk signed in on the desk.
func asClerk(b *testing.B, app core.App, mux http.Handler) http.Handler {
	tok, err := clerk(b, app).NewAuthToken()
	if err != nil {
		b.Fatal(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.AddCookie(&http.Cookie{Name: "th_staff", Value: tok})
		mux.ServeHTTP(w, r)
	})
}

var benchSubmits atomic.Int64

// submitLatencies posts the pothole form, each from its own address, and
// reports the p50 and p95.
func submitLatencies(b *testing.B, mux http.Handler) {
	var times []time.Duration
	for b.Loop() {
		req := potholePost(benchSubmits.Add(1))
		rec := httptest.NewRecorder()
		start := time.Now()
		mux.ServeHTTP(rec, req)
		times = append(times, time.Since(start))
		if rec.Code != http.StatusSeeOther {
			b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
		}
	}
	reportPercentiles(b, times)
}
