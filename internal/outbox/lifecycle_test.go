package outbox

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

func TestRestartMidRunSendsEachOnce(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t)
	app := newApp(t, srv)
	queueN(t, app, "batch", 10)
	w := Register(app, Options{Interval: time.Hour})
	stopped := make(chan struct{})
	srv.onDelivery(func(n int) {
		if n == 3 {
			// Stop while the third message is inside the SMTP conversation:
			// Stop must wait until it is recorded, and no fourth may start.
			w.mu.Lock()
			stopping := w.stopping
			w.mu.Unlock()
			go func() { w.Stop(); close(stopped) }()
			<-stopping // the conversation goes on once Stop has cancelled
		}
	})
	w.Start()
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("Stop did not return")
	}
	before := len(srv.received())
	if before < 3 || before >= 10 {
		t.Fatalf("%d messages sent before Stop returned, want 3 to 9", before)
	}
	arrived := arrivals(srv)
	for i := range 10 {
		key := fmt.Sprintf("batch-%d", i)
		want := StatusQueued
		if arrived[messageID(key, sender)] > 0 {
			want = StatusSent
		}
		if got := outbox(t, app, key).GetString("status"); got != want {
			t.Fatalf("after Stop, %s is %q, want %q", key, got, want)
		}
	}

	// A new process opens the same data directory and sends the rest.
	app2 := core.NewBaseApp(core.BaseAppConfig{DataDir: app.DataDir(), EncryptionEnv: "pb_test_env"})
	if err := app2.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app2.ClearBootstrap() })
	runOnce(t, Register(app2, Options{}), 10-before)
	arrived = arrivals(srv)
	for i := range 10 {
		if n := arrived[messageID(fmt.Sprintf("batch-%d", i), sender)]; n != 1 {
			t.Errorf("batch-%d arrived %d times, want once", i, n)
		}
	}
	if len(srv.received()) != 10 {
		t.Errorf("server received %d messages, want 10", len(srv.received()))
	}
}

func TestStaleSendingIsSentAgainWithSameMessageID(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t)
	app := newApp(t, srv)
	clk := newClock()
	w := Register(app, Options{Clock: clk})
	queueN(t, app, "crash", 1)
	// A worker marked it "sending", and the process died in the SMTP call.
	if r, err := w.claim(outbox(t, app, "crash-0").Id); err != nil || r == nil {
		t.Fatalf("claim = %v, %v", r, err)
	}
	runOnce(t, w, 0)
	clk.Advance(sendingGrace - time.Second)
	runOnce(t, w, 0)
	clk.Advance(time.Second)
	runOnce(t, w, 1)
	if n := arrivals(srv)[messageID("crash-0", sender)]; n != 1 {
		t.Fatalf("the message sent after the grace period lacks its Message-ID (%d matching)", n)
	}
}

func TestTwoWorkersSendEachOnce(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t)
	app := newApp(t, srv)
	queueN(t, app, "shared", 45) // more than two batches
	// Two workers on one app (Register called twice, say) read the same due
	// messages; the claim lets only one of them send each.
	a, b := Register(app, Options{}), Register(app, Options{})
	var wg sync.WaitGroup
	var sent atomic.Int32
	for _, w := range []*Worker{a, b} {
		wg.Go(func() {
			n, err := w.RunOnce()
			if err != nil {
				t.Error(err)
			}
			sent.Add(int32(n))
		})
	}
	wg.Wait()
	arrived := arrivals(srv)
	if sent.Load() != 45 || len(srv.received()) != 45 || len(arrived) != 45 {
		t.Fatalf("sent %d, received %d with %d distinct Message-IDs; want 45 of each",
			sent.Load(), len(srv.received()), len(arrived))
	}
}

func TestLoopRunsFromServeToTerminate(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t)
	app := newApp(t, srv)
	w := Register(app, Options{Interval: time.Hour}) // only a wake-up makes it send
	if err := app.OnServe().Trigger(&core.ServeEvent{App: app}); err != nil {
		t.Fatal(err)
	}
	w.Start() // already running: no second loop
	queueN(t, app, "live", 1)
	eventually(t, "the first mail", func() bool { return len(srv.received()) == 1 })

	if err := app.OnTerminate().Trigger(&core.TerminateEvent{App: app}); err != nil {
		t.Fatal(err)
	}
	// Terminate stopped the loop and waited for its goroutine to end, so
	// nothing is left to send what is queued now (no sleep needed to see it).
	w.mu.Lock()
	running := w.cancel != nil
	w.mu.Unlock()
	if running {
		t.Fatal("the worker still runs after terminate")
	}
	w.Stop() // already stopped
	queueN(t, app, "later", 1)
	if n := len(srv.received()); n != 1 {
		t.Fatalf("a stopped worker sent mail (%d received)", n)
	}
	w.Start()
	eventually(t, "the mail queued while stopped", func() bool { return len(srv.received()) == 2 })
	w.Stop()
}

// arrivals counts the received messages by Message-ID.
func arrivals(srv *smtpd) map[string]int {
	n := map[string]int{}
	for _, m := range srv.received() {
		n[m.Header.Get("Message-Id")]++
	}
	return n
}
