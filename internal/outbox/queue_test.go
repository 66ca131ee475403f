package outbox

import (
	"net/mail"
	"time"

	"errors"
	"github.com/pocketbase/pocketbase/tools/mailer"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

func TestQueueDedupes(t *testing.T) {
	t.Parallel()
	app := newApp(t, nil)
	for i, want := range []bool{true, false, false} {
		ok, err := Queue(app, msg("req-1/received"))
		if err != nil || ok != want {
			t.Fatalf("Queue #%d = %v, %v; want %v, nil", i+1, ok, err, want)
		}
	}
	// Callers racing with one key: the unique index lets one in, the
	// others learn it is a duplicate rather than get an error.
	var wg sync.WaitGroup
	var queued atomic.Int32
	for range 8 {
		wg.Go(func() {
			ok, err := Queue(app, msg("req-1/updated"))
			if err != nil {
				t.Errorf("concurrent Queue: %v", err)
			}
			if ok {
				queued.Add(1)
			}
		})
	}
	wg.Wait()
	if n := count(t, app); n != 2 || queued.Load() != 1 {
		t.Fatalf("outbox has %d records (want 2); concurrent callers queued %d (want 1)", n, queued.Load())
	}
	r := outbox(t, app, "req-1/received")
	if r.GetString("status") != StatusQueued || r.GetInt("attempts") != 0 || r.GetString("kind") != "request_received" {
		t.Errorf("queued record: status=%q attempts=%d kind=%q", r.GetString("status"), r.GetInt("attempts"), r.GetString("kind"))
	}
}

func TestQueueRejectsInvalid(t *testing.T) {
	t.Parallel()
	app := newApp(t, nil)
	with := func(change func(*Message)) Message {
		m := msg("k")
		change(&m)
		return m
	}
	cases := []struct {
		name string
		m    Message
	}{
		{"no recipient", with(func(m *Message) { m.To = "" })},
		{"bad recipient", with(func(m *Message) { m.To = "not an address" })},
		{"recipient with a name", with(func(m *Message) { m.To = "Ana <ana@example.org>" })},
		{"no subject", with(func(m *Message) { m.Subject = "  " })},
		{"two-line subject", with(func(m *Message) { m.Subject = "Hi\r\nBcc: x@example.org" })},
		{"no dedupe key", with(func(m *Message) { m.DedupeKey = "" })},
		{"no body", with(func(m *Message) { m.Text, m.HTML = "", " " })},
		{"reserved header", with(func(m *Message) { m.Headers = map[string]string{"bcc": "x@example.org"} })},
		{"bad header name", with(func(m *Message) { m.Headers = map[string]string{"Reply To": "x@example.org"} })},
		{"two-line header", with(func(m *Message) { m.Headers = map[string]string{"Reply-To": "a@b.org\nBcc: x@b.org"} })},
	}
	for _, c := range cases {
		ok, err := Queue(app, c.m)
		if ok || !errors.Is(err, ErrInvalidMessage) {
			t.Errorf("%s: Queue = %v, %v; want false, ErrInvalidMessage", c.name, ok, err)
		}
	}
	if n := count(t, app); n != 0 {
		t.Fatalf("invalid messages stored %d records", n)
	}
}

func TestQueueRollsBackWithTransaction(t *testing.T) {
	t.Parallel()
	app := newApp(t, nil)
	errRequest := errors.New("request not saved")
	err := app.RunInTransaction(func(tx core.App) error {
		if ok, err := Queue(tx, msg("req-2/received")); err != nil || !ok {
			t.Fatalf("Queue in transaction = %v, %v", ok, err)
		}
		return errRequest
	})
	if !errors.Is(err, errRequest) {
		t.Fatalf("RunInTransaction = %v", err)
	}
	if n := count(t, app); n != 0 {
		t.Fatalf("rolled-back transaction left %d outbox records", n)
	}
	// The same key is free again, and a committed transaction keeps its mail.
	err = app.RunInTransaction(func(tx core.App) error {
		_, err := Queue(tx, msg("req-2/received"))
		return err
	})
	if err != nil || count(t, app) != 1 {
		t.Fatalf("committed transaction: err=%v, records=%d", err, count(t, app))
	}
}

func TestRegisterWakesAfterCommitAndSettings(t *testing.T) {
	t.Parallel()
	app := newApp(t, nil)
	w := Register(app, Options{})
	woken := func() bool {
		select {
		case <-w.wake:
			return true
		default:
			return false
		}
	}
	woken() // drain what setting up the app may have left
	err := app.RunInTransaction(func(tx core.App) error {
		if _, err := Queue(tx, msg("req-3/received")); err != nil {
			return err
		}
		if woken() {
			t.Error("worker woken before the transaction committed")
		}
		return nil
	})
	if err != nil || !woken() {
		t.Fatalf("after commit: err=%v, woken=false", err)
	}
	if err := app.Save(app.Settings()); err != nil || !woken() {
		t.Fatalf("after a settings save: err=%v, woken=false", err)
	}
}

// BenchmarkQueue measures the queue rate into the outbox: each operation
// checks the dedupe key and inserts one record (its own write, committed).
func BenchmarkQueue(b *testing.B) {
	app := newApp(b, nil)
	m := msg("")
	i := 0
	for b.Loop() {
		m.DedupeKey = "bench-" + strconv.Itoa(i)
		if ok, err := Queue(app, m); err != nil || !ok {
			b.Fatalf("Queue = %v, %v", ok, err)
		}
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "msgs/s")
}

// Mail PocketBase sends by itself lands in the outbox; the worker's own
// sends pass through to SMTP.
func TestPocketBaseMailGoesThroughTheOutbox(t *testing.T) {
	srv := startSMTP(t)
	app := newApp(t, srv)
	RouteAllMail(app)
	err := app.NewMailClient().Send(&mailer.Message{
		From: mail.Address{Address: sender}, To: []mail.Address{{Address: "clerk@villa.example"}},
		Subject: "New login", HTML: "<p>A new device signed in.</p>",
	})
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, app); n != 1 {
		t.Fatalf("%d outbox records, want 1", n)
	}
	if got := len(srv.received()); got != 0 {
		t.Fatalf("%d messages went straight to SMTP", got)
	}
	runOnce(t, Register(app, Options{Interval: time.Hour}), 1)
	if got := len(srv.received()); got != 1 {
		t.Fatalf("%d messages arrived after the worker ran, want 1", got)
	}
}
