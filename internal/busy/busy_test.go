package busy_test

import (
	"context"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/busy"
)

func TestWaitReturnsWhenTheLastRequestEnds(t *testing.T) {
	var g busy.Gauge
	g.Wait(context.Background(), time.Hour) // idle: returns at once
	end1, end2 := g.Begin(), g.Begin()
	done := make(chan struct{})
	go func() {
		g.Wait(context.Background(), time.Hour)
		close(done)
	}()
	end1()
	end1() // counting out twice counts once
	if n := g.InFlight(); n != 1 {
		t.Fatalf("in flight: %d, want 1", n)
	}
	end2()
	select {
	case <-done:
	case <-time.After(time.Minute):
		t.Fatal("Wait did not return when the last request ended")
	}
}

func TestWaitGivesUpAfterMaxOrWhenCancelled(t *testing.T) {
	var g busy.Gauge
	defer g.Begin()()
	start := time.Now()
	g.Wait(context.Background(), 20*time.Millisecond)
	if d := time.Since(start); d < 20*time.Millisecond {
		t.Errorf("Wait returned after %s, before its max", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	g.Wait(ctx, time.Hour) // a cancelled ctx returns at once; the test's deadline catches a hang
}
