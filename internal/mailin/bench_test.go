package mailin_test

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/townhall/townhall/internal/mailin"
)

// BenchmarkInbound is messages per second committed (each a request with
// its acknowledgement, staff alert and log entry) from 4 clients sending
// 20 KB messages at once over real SMTP sessions. Run with
// go test -run '^$' -bench Inbound -benchtime 400x ./internal/mailin/
func BenchmarkInbound(b *testing.B) {
	f := newFixture(b, mailin.Config{Trusted: []string{"127.0.0.1"}})
	body := twentyKB()
	clients := 4
	if os.Getenv("BENCH_CLIENTS") == "1" {
		clients = 1
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for w := range clients {
		wg.Go(func() {
			c, err := smtp.Dial(f.addr)
			if err != nil {
				b.Error(err)
				return
			}
			defer c.Close()
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				from := fmt.Sprintf("resident%d.%d@example.org", w, i)
				msg := fmt.Sprintf("From: Resident %d <%s>\r\nTo: report@testville.example\r\nSubject: Street light out on Elm Street, pole %d\r\n"+
					"Message-ID: <%d.%d@example.org>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n%s", i, from, i, w, i, body)
				if err := c.SendMail(from, []string{"report@testville.example"}, strings.NewReader(msg)); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := count(b, f.app, "requests"); n != b.N {
		b.Fatalf("%d requests stored, want %d", n, b.N)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "msgs/s")
	b.ReportMetric(peakRSS(), "peak-RSS-MB")
}

// twentyKB is about 20 KB of a resident's prose.
func twentyKB() string {
	var sb bytes.Buffer
	para := "The light on the corner has been out for a week and the sidewalk is very dark at night. " +
		"Children walk home from the bus stop there and the neighbours are worried. Could the crew look at it soon?\r\n\r\n"
	for sb.Len() < 20<<10 {
		sb.WriteString(para)
	}
	return sb.String()
}

// peakRSS is the process's peak resident set size in MB (VmHWM).
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(line, "VmHWM:")), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}
