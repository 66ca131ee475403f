package web_test

import (
	"slices"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/requests/metrics/metricstest"
)

// BenchmarkMetricsPage draws the clerk's metrics page for a year of
// 100,000 requests through the whole app (sign-in session, figures,
// charts, template), and reports the 95th percentile of its times.
func BenchmarkMetricsPage(b *testing.B) {
	app := demoApp(b)
	clerk(b, app)
	metricstest.Year(b, app, 2025, 100_000)
	br := deskBrowser(b, app, "en", "clerk@aldercreek.example")
	const page = "/en/staff/metrics?period=custom&from=2025-01-01&to=2025-12-31"
	br.expect(br.do("GET", page, nil), 200, `<dt>Received</dt><dd><span class="metric-value">97,943</span>`)
	var took []time.Duration
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		if rec := br.do("GET", page, nil); rec.Code != 200 {
			b.Fatalf("status %d", rec.Code)
		}
		took = append(took, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(took)
	b.ReportMetric(float64(took[(len(took)*95+99)/100-1].Microseconds())/1000, "p95-ms")
}
