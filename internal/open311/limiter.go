package open311

import (
	"sync"
	"time"
)

// limiter holds a token bucket per API key: a key may file rate requests
// at once, and earns them back at rate per hour. It lives in memory, so a
// restart forgives everyone, which is fine for a town's traffic.
type limiter struct {
	mu      sync.Mutex
	def     int
	buckets map[string]*bucket
	now     func() time.Time
}

type bucket struct {
	tokens float64
	rate   int
	last   time.Time
}

func newLimiter(def int) *limiter {
	return &limiter{def: def, buckets: map[string]*bucket{}, now: time.Now}
}

// allow takes a token for key id at rate per hour (0 = the default) and
// reports whether there was one, and if not how long until there is.
func (l *limiter) allow(id string, rate int) (bool, time.Duration) {
	if rate <= 0 {
		rate = l.def
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[id]
	if !ok {
		b = &bucket{tokens: float64(rate), rate: rate, last: now}
		l.buckets[id] = b
	}
	perSecond := float64(rate) / 3600
	b.tokens = min(float64(rate), b.tokens+now.Sub(b.last).Seconds()*perSecond)
	b.rate, b.last = rate, now
	if b.tokens < 1 {
		return false, time.Duration((1 - b.tokens) / perSecond * float64(time.Second))
	}
	b.tokens--
	return true, 0
}
