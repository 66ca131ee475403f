package notify_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/notify"
)

// BenchmarkDigest10k builds and queues one period's digests for 10,000
// residents (half in Spanish), each with the period's news, and reports
// the time per run and the process's peak RSS. Run with
// go test -run '^$' -bench Digest10k -benchtime 1x ./internal/notify/
// It runs on the demo town on purpose, for a real town's news and notices.
func BenchmarkDigest10k(b *testing.B) {
	for i := range b.N {
		b.StopTimer()
		app, th := demoTown(b)
		insertResidents(b, app, 5000, fmt.Sprintf("en%d-", i), "en", "daily")
		insertResidents(b, app, 5000, fmt.Sprintf("es%d-", i), "es", "daily")
		p := period(th, notify.Daily)
		b.StartTimer()
		start := time.Now()
		n, err := th.Digests.Run(context.Background(), app, p)
		elapsed := time.Since(start)
		b.StopTimer()
		if err != nil || n != 10_000 {
			b.Fatalf("queued %d digests: %v", n, err)
		}
		b.ReportMetric(elapsed.Seconds(), "s/10k-digests")
		b.ReportMetric(peakRSS(), "peak-RSS-MB")
	}
}

// peakRSS is the process's peak resident set size in MB (VmHWM).
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(rest), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}
