package metrics_test

import (
	"io"
	"runtime"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests/metrics"
	"github.com/townhall/townhall/internal/requests/metrics/metricstest"
)

// benchApp is the fixture's services with a year (2026) of 100,000 requests.
func benchApp(b *testing.B) core.App {
	app := fixtureApp(b)
	metricstest.Year(b, app, 2026, 100_000)
	return app
}

// BenchmarkFiguresYear computes the desk's figures for a year of 100,000
// requests (the page adds names and drawing).
func BenchmarkFiguresYear(b *testing.B) {
	app := benchApp(b)
	tw := fixtureTown(b)
	now := time.Date(2026, 12, 31, 12, 0, 0, 0, tw.Location)
	year := metrics.Named(metrics.ThisYear, now, tw.Location)
	cpu := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		rep, err := metrics.Load(app, tw.Location, year, metrics.Scope{}, fixtureKeys(b, app), now)
		if err != nil || rep.Received < 97_000 {
			b.Fatalf("%v, received %d", err, rep.Received)
		}
	}
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
}

// cpuTime is the CPU time the process has used (user and system): on a
// machine shared with other work it says what an operation costs better
// than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkExportYear writes a year of 100,000 requests as the staff's CSV
// and reports the peak heap seen while it ran (sampled every millisecond).
func BenchmarkExportYear(b *testing.B) {
	app := benchApp(b)
	tw := fixtureTown(b)
	year := metrics.Named(metrics.ThisYear, time.Date(2026, 6, 1, 0, 0, 0, 0, tw.Location), tw.Location)
	runtime.GC()
	var base runtime.MemStats
	runtime.ReadMemStats(&base)
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(time.Millisecond):
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	cpu := cpuTime()
	b.ResetTimer()
	var n countWriter
	for b.Loop() {
		x, err := metrics.NewExport(app, tw, "en", year, metrics.Scope{}, true, "")
		if err != nil {
			b.Fatal(err)
		}
		if err := x.Write(app, &n); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(cpuTime()-cpu)/float64(b.N)/1e6, "cpu-ms/op")
	close(stop)
	<-done
	b.ReportMetric(float64(peak.Load()-min(peak.Load(), base.HeapInuse))/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(n)/float64(b.N)/(1<<20), "csv-MB")
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return io.Discard.Write(p)
}
