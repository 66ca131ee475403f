package clock_test

import (
	"sync"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/clock"
)

func TestFakeSetAdvanceConcurrent(t *testing.T) {
	start := time.Date(2026, 3, 8, 1, 30, 0, 0, time.UTC)
	f := clock.NewFake(start)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			f.Advance(time.Minute)
			_ = f.Now()
		}()
	}
	wg.Wait()
	if got, want := f.Now(), start.Add(8*time.Minute); !got.Equal(want) {
		t.Fatalf("after 8 advances: %v, want %v", got, want)
	}
	f.Set(start)
	if !f.Now().Equal(start) {
		t.Fatalf("after Set: %v", f.Now())
	}
}

func TestOrFallsBackToReal(t *testing.T) {
	before := time.Now()
	got := clock.Or(nil).Now()
	if got.Before(before) || time.Since(got) > time.Minute {
		t.Fatalf("Or(nil).Now() = %v, want about %v", got, before)
	}
	f := clock.NewFake(before.Add(-time.Hour))
	if clock.Or(f) != clock.Clock(f) {
		t.Fatal("Or(f) is not f")
	}
}
