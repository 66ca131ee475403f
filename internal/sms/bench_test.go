package sms_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/outbox"
)

// BenchmarkInboundText is a text through the whole inbound path: the
// signed webhook checked, the text stored, the conversation's state read
// and saved, and the reply queued in the outbox (HELP, from a new number
// each time, so no rate limit applies). It reports texts per second; the
// target is at least 200/s.
func BenchmarkInboundText(b *testing.B) {
	tw := newTown(b, outbox.ProviderTwilio)
	start := time.Now()
	b.ResetTimer()
	for i := range b.N {
		if code := tw.send(fmt.Sprintf("+1555%07d", i), "HELP"); code != 200 {
			b.Fatalf("text %d: HTTP %d", i, code)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "texts/s")
	if n := tw.count(outbox.Collection); n < b.N {
		b.Fatalf("%d replies queued for %d texts", n, b.N)
	}
}
