package booking_test

import (
	"sync/atomic"
	"testing"
)

// BenchmarkHotSlot is everyone asking for the same Saturday afternoon at
// once: each attempt checks the rules, then checks and writes in one
// transaction; one wins, the rest are refused. Run with -cpu 2.
func BenchmarkHotSlot(b *testing.B) {
	en := newEnv(b, local(2026, 5, 1, 9, 0))
	var booked, refused atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := en.d.Reserve(en.app, en.in("2026-06-06", "13:00", "17:00")); err == nil {
				booked.Add(1)
			} else {
				refused.Add(1)
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(booked.Load()+refused.Load())/b.Elapsed().Seconds(), "attempts/s")
	if booked.Load() != 1 {
		b.Errorf("%d bookings of one slot", booked.Load())
	}
}
