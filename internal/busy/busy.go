// Package busy lets background work give way to people. A Gauge counts the
// requests people are waiting on (pages, form posts, API calls); the
// digest and the outbox call Wait between steps, so on a small box with
// one core a 50,000-resident digest runs in the gaps between requests
// instead of making every page wait behind it.
package busy

import (
	"context"
	"sync"
	"time"
)

// Gauge counts requests in flight. The zero value is ready to use.
type Gauge struct {
	mu   sync.Mutex
	n    int
	idle chan struct{} // closed when n falls back to 0
}

// Begin counts one request in; the returned func counts it out.
func (g *Gauge) Begin() (end func()) {
	g.mu.Lock()
	if g.n == 0 {
		g.idle = make(chan struct{})
	}
	g.n++
	g.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			g.mu.Lock()
			g.n--
			if g.n == 0 {
				close(g.idle)
			}
			g.mu.Unlock()
		})
	}
}

// InFlight is the number of requests counted in.
func (g *Gauge) InFlight() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.n
}

// Pause is how long Wait sleeps when no request is in flight. A sleep,
// not runtime.Gosched: Gosched runs whatever goroutine is already queued
// (the background work itself, on one core) and leaves a connection that
// has just arrived in the network poller, which the Go scheduler then asks
// only every 10 ms. A sleeping goroutine leaves the scheduler nothing to
// run, so it asks the poller at once and the new request runs first.
const Pause = 50 * time.Microsecond

// Wait returns as soon as no request is in flight, or after max (so
// background work still moves on a box that is never idle), or when ctx
// is done. With none in flight it still pauses for Pause, so that a
// request that has just arrived, and is not counted until its handler
// starts, is let in first (see Pause).
func (g *Gauge) Wait(ctx context.Context, max time.Duration) {
	g.mu.Lock()
	if g.n == 0 {
		g.mu.Unlock()
		time.Sleep(Pause)
		return
	}
	idle := g.idle
	g.mu.Unlock()
	t := time.NewTimer(max)
	defer t.Stop()
	select {
	case <-idle:
	case <-t.C:
	case <-ctx.Done():
	}
}
