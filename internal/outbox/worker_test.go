package outbox

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

func TestHeldUntilSMTPIsSetUp(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t)
	app := newApp(t, nil)
	w := Register(app, Options{})
	queueN(t, app, "held", 2)
	runOnce(t, w, 0)
	runOnce(t, w, 0) // held mail stays held, and is not touched again
	for _, key := range []string{"held-0", "held-1"} {
		r := outbox(t, app, key)
		if r.GetString("status") != StatusHeld || r.GetString("error") != HeldReason || r.GetInt("attempts") != 0 {
			t.Fatalf("%s: status=%q attempts=%d error=%q", key, r.GetString("status"), r.GetInt("attempts"), r.GetString("error"))
		}
	}
	setSMTP(t, app, srv)
	runOnce(t, w, 2)
	if got := len(srv.received()); got != 2 {
		t.Fatalf("server received %d messages, want 2", got)
	}
	r := outbox(t, app, "held-0")
	if r.GetString("status") != StatusSent || r.GetString("error") != "" || r.GetDateTime("sent_at").IsZero() {
		t.Fatalf("after SMTP set up: status=%q error=%q sent_at=%v", r.GetString("status"), r.GetString("error"), r.GetDateTime("sent_at"))
	}
}

func TestRetriesWithGrowingBackoff(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t)
	srv.refuseNext(3)
	app := newApp(t, srv)
	clk := newClock()
	w := Register(app, Options{Clock: clk})
	queue(t, app, "older")
	queue(t, app, "newer")
	backdate(t, app, "older", time.Second) // created is stored to the millisecond

	runOnce(t, w, 0) // both refused
	assertRetry(t, outbox(t, app, "older"), 1, clk.Now().Add(30*time.Second))
	assertRetry(t, outbox(t, app, "newer"), 1, clk.Now().Add(30*time.Second))
	runOnce(t, w, 0) // not due yet

	clk.Advance(30 * time.Second)
	runOnce(t, w, 1) // older refused a third time, then newer sent
	assertRetry(t, outbox(t, app, "older"), 2, clk.Now().Add(60*time.Second))
	clk.Advance(59 * time.Second)
	runOnce(t, w, 0)
	clk.Advance(time.Second)
	runOnce(t, w, 1)

	got := arrivals(srv)
	for _, key := range []string{"older", "newer"} {
		if n := got[messageID(key, sender)]; n != 1 {
			t.Errorf("%s arrived %d times, want once", key, n)
		}
		if r := outbox(t, app, key); r.GetString("status") != StatusSent {
			t.Errorf("%s: status %q, want sent", key, r.GetString("status"))
		}
	}
	if r := outbox(t, app, "older"); r.GetInt("attempts") != 2 {
		t.Errorf("older: %d failed attempts recorded, want 2", r.GetInt("attempts"))
	}
}

// assertRetry checks a record waiting for its next attempt.
func assertRetry(t *testing.T, r *core.Record, attempts int, next time.Time) {
	t.Helper()
	if r.GetString("status") != StatusQueued || r.GetInt("attempts") != attempts ||
		r.GetString("next_attempt") != dbTime(next) || !strings.Contains(r.GetString("error"), "451") {
		t.Fatalf("retry: status=%q attempts=%d (want %d) next_attempt=%q (want %q) error=%q",
			r.GetString("status"), r.GetInt("attempts"), attempts, r.GetString("next_attempt"), dbTime(next), r.GetString("error"))
	}
}

func TestFailsAfterMaxAttempts(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t)
	srv.refuseNext(1000)
	app := newApp(t, srv)
	clk := newClock()
	w := Register(app, Options{Clock: clk, MaxAttempts: 3})
	queueN(t, app, "doomed", 1)
	for range 5 {
		runOnce(t, w, 0)
		clk.Advance(2 * time.Hour) // past any backoff
	}
	r := outbox(t, app, "doomed-0")
	if r.GetString("status") != StatusFailed || r.GetInt("attempts") != 3 || !strings.Contains(r.GetString("error"), "451") {
		t.Fatalf("status=%q attempts=%d error=%q", r.GetString("status"), r.GetInt("attempts"), r.GetString("error"))
	}
	if n := srv.refusedCount(); n != 3 {
		t.Fatalf("server saw %d attempts, want 3: a failed message was retried", n)
	}
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	o := Options{BaseBackoff: 30 * time.Second}.withDefaults()
	want := map[int]time.Duration{1: 30 * time.Second, 2: time.Minute, 3: 2 * time.Minute, 7: 32 * time.Minute, 8: time.Hour, 50: time.Hour}
	for n, d := range want {
		if got := o.backoff(n); got != d {
			t.Errorf("backoff(%d) = %v, want %v", n, got, d)
		}
	}
}
