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

	"github.com/pocketbase/pocketbase/core"
)

// BenchmarkSubmitRequest posts the pothole form, as a browser without
// JavaScript does, through the whole app: each post stores a numbered
// request and queues its confirmation email. Run with -cpu 2.
func BenchmarkSubmitRequest(b *testing.B) {
	app := demo(b)(b)
	defer app.Cleanup()
	mux := serveMux(b, app)
	var n atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			form := url.Values{"action": {"submit"}, "description": {fmt.Sprintf("Hole number %d", i)},
				"address": {fmt.Sprintf("%d Mill Street", i)}, "attr.size": {"large"}, "contact_email": {fmt.Sprintf("r%d@example.com", i)}}
			req := httptest.NewRequest(http.MethodPost, "/en/services/pothole/request", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			if rec.Code != http.StatusSeeOther {
				b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(n.Load())/b.Elapsed().Seconds(), "requests/s")
	if got := int64(schematest.Count(b, app, "outbox")); got != n.Load() {
		b.Errorf("%d emails queued for %d requests", got, n.Load())
	}
}

// BenchmarkTrackingPage measures the public tracking page of random
// requests among 100,000, and reports its p95.
func BenchmarkTrackingPage(b *testing.B) {
	app := demo(b)(b)
	defer app.Cleanup()
	const total = 100_000
	svc, err := app.FindFirstRecordByData("services", "code", "pothole")
	if err != nil {
		b.Fatal(err)
	}
	err = app.RunInTransaction(func(tx core.App) error {
		stmt := tx.DB().NewQuery(`INSERT INTO requests (id, number, service, status, description, address, channel, public, department, language, created, updated)
			VALUES ({:id}, {:number}, {:service}, 'new', 'A hole in the road', {:address}, 'web', TRUE, {:dept}, 'en', {:now}, {:now})`)
		now := time.Now().UTC().Format("2006-01-02 15:04:05.000Z")
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
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(times[len(times)*95/100].Microseconds())/1000, "p95-ms")
}
