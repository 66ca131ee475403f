package web_test

import (
	"fmt"
	"github.com/townhall/townhall/internal/schema/schematest"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// BenchmarkSubmitRequest posts the pothole form, as a browser without
// JavaScript does, through the whole app: each post stores a numbered
// request and queues its confirmation email. Run with -cpu 2.
func BenchmarkSubmitRequest(b *testing.B) {
	app, mux := demoMux(b)
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, potholePost(n.Add(1)))
			if rec.Code != http.StatusSeeOther {
				b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(n.Load())/b.Elapsed().Seconds(), "requests/s")
	if got := int64(schematest.Count(b, app, "outbox", dbx.HashExp{"kind": "request.received"})); got != n.Load() {
		b.Errorf("%d emails queued for %d requests", got, n.Load())
	}
}

// potholePost is the i-th post of the pothole form, each from its own
// resident, clear of the per-client limit.
func potholePost(i int64) *http.Request {
	form := url.Values{"action": {"submit"}, "description": {fmt.Sprintf("Hole number %d", i)},
		"address": {fmt.Sprintf("%d Mill Street", i)}, "attr.size": {"large"}, "contact_email": {fmt.Sprintf("r%d@example.com", i)}}
	req := httptest.NewRequest(http.MethodPost, "/en/services/pothole/request", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.RemoteAddr = fmt.Sprintf("10.%d.%d.%d:5000", i>>16&255, i>>8&255, i&255)
	return req
}

// BenchmarkRequestBurst is a mail cannon: 1,000 posts of the request form
// from one client address, each with a different contact address, as fast
// as they come. It reports how many were accepted and refused (HTTP 429,
// the form again) and how many emails were queued, per burst.
func BenchmarkRequestBurst(b *testing.B) {
	app, mux := demoMux(b)
	const burst = 1000
	var accepted, refused, burstN int
	for b.Loop() {
		burstN++
		for i := range burst {
			form := url.Values{"action": {"submit"}, "description": {"Hole"}, "address": {fmt.Sprintf("%d Mill Street", i)},
				"attr.size": {"large"}, "contact_email": {fmt.Sprintf("victim%d@example.com", i)}}
			req := httptest.NewRequest(http.MethodPost, "/en/services/pothole/request", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Accept", "text/html")
			req.RemoteAddr = fmt.Sprintf("198.18.%d.%d:5000", burstN>>8&255, burstN&255) // one address per burst
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			switch rec.Code {
			case http.StatusSeeOther:
				accepted++
			case http.StatusTooManyRequests:
				refused++
			default:
				b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
			}
		}
	}
	b.StopTimer()
	mails := schematest.Count(b, app, "outbox", dbx.NewExp("[[to]] LIKE 'victim%'"))
	b.ReportMetric(float64(accepted)/float64(burstN), "accepted/burst")
	b.ReportMetric(float64(refused)/float64(burstN), "refused/burst")
	b.ReportMetric(float64(mails)/float64(burstN), "emails/burst")
}

// BenchmarkTrackingPage measures the public tracking page of random
// requests among 100,000, and reports its p95.
func BenchmarkTrackingPage(b *testing.B) {
	app := demoApp(b)
	const total = 100_000
	svc, err := app.FindFirstRecordByData("services", "code", "pothole")
	if err != nil {
		b.Fatal(err)
	}
	err = app.RunInTransaction(func(tx core.App) error {
		stmt := tx.DB().NewQuery(`INSERT INTO requests (id, number, service, status, description, address, channel, public, department, language, created, updated)
			VALUES ({:id}, {:number}, {:service}, 'new', 'A hole in the road', {:address}, 'web', TRUE, {:dept}, 'en', {:now}, {:now})`)
		now := benchTime(time.Now())
		for i := 1; i <= total; i++ {
			_, err := stmt.Bind(map[string]any{"id": fmt.Sprintf("bench%010d", i), "number": fmt.Sprintf("2025-%06d", i),
				"service": svc.Id, "address": fmt.Sprintf("%d Main Street", i), "dept": svc.GetString("department"), "now": now}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(3, 4))
	latencies(b, serveMux(b, app), func() string { return fmt.Sprintf("/en/requests/2025-%06d", 1+rng.IntN(total)) })
}

// latencies GETs next() through mux for each iteration, fails on anything
// but 200, and reports the p50 and p95 in milliseconds.
func latencies(b *testing.B, mux http.Handler, next func() string) {
	b.Helper()
	var times []time.Duration
	b.ResetTimer()
	for b.Loop() {
		path := next()
		start := time.Now()
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		times = append(times, time.Since(start))
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", path, rec.Code)
		}
	}
	b.StopTimer()
	reportPercentiles(b, times)
}

// reportPercentiles reports the p50 and p95 of times in milliseconds.
func reportPercentiles(b *testing.B, times []time.Duration) {
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}
