package outbox

import (
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// mute is a mail server that accepts connections and never says a word,
// until it is closed; or, given serve, says what serve says.
type mute struct {
	l     net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

func startMute(t testing.TB) *mute { return startRaw(t, nil) }

// startRaw is a server on 127.0.0.1 that hands each connection to serve,
// if not nil, and closes them all when the test ends.
func startRaw(t testing.TB, serve func(net.Conn)) *mute {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	m := &mute{l: l}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			m.mu.Lock()
			m.conns = append(m.conns, c)
			m.mu.Unlock()
			if serve != nil {
				go serve(c)
			}
		}
	}()
	t.Cleanup(m.close)
	return m
}

func (m *mute) count() int { m.mu.Lock(); defer m.mu.Unlock(); return len(m.conns) }

func (m *mute) close() {
	m.l.Close()
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, c := range m.conns {
		c.Close()
	}
}

// A mail server that stops answering costs one attempt after SendTimeout,
// holds no more than one connection, and does not keep the rest of the
// outbox from going out once a working server is set up.
func TestStalledServer(t *testing.T) {
	t.Parallel()
	app := newApp(t, nil)
	m := startMute(t)
	app.Settings().SMTP = core.SMTPConfig{Enabled: true, Host: "127.0.0.1", Port: m.l.Addr().(*net.TCPAddr).Port}
	if err := app.Save(app.Settings()); err != nil {
		t.Fatal(err)
	}
	clk := newClock()
	w := Register(app, Options{Clock: clk, SendTimeout: 300 * time.Millisecond})
	queueN(t, app, "stuck", 3)

	start := time.Now()
	runOnce(t, w, 0)
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("a pass against a mute server took %v", d)
	}
	// Messages queued in the same millisecond go in id order: find the one tried.
	var first *core.Record
	for _, key := range []string{"stuck-0", "stuck-1", "stuck-2"} {
		r := outbox(t, app, key)
		switch {
		case r.GetInt("attempts") == 0 && r.GetString("status") == StatusQueued:
		case first == nil:
			first = r
		default:
			t.Fatalf("%s was tried while the server hung: status=%q attempts=%d", key, r.GetString("status"), r.GetInt("attempts"))
		}
	}
	if first == nil {
		t.Fatal("no message was tried")
	}
	if first.GetString("status") != StatusQueued || first.GetInt("attempts") != 1 || !strings.Contains(first.GetString("error"), "did not finish within 300ms") {
		t.Fatalf("first message: status=%q attempts=%d error=%q", first.GetString("status"), first.GetInt("attempts"), first.GetString("error"))
	}

	// The stuck conversation is still open: a second pass opens no other.
	clk.Advance(2 * time.Hour)
	runOnce(t, w, 0)
	if n := m.count(); n != 1 {
		t.Fatalf("%d connections to the mute server, want 1", n)
	}
	if r := outbox(t, app, first.GetString("dedupe_key")); r.GetInt("attempts") != 1 {
		t.Fatalf("retried while the first conversation was still stuck: attempts=%d", r.GetInt("attempts"))
	}

	// The clerk points Townhall at a working server; the hung connection
	// ends, and everything goes out.
	srv := startSMTP(t)
	setSMTP(t, app, srv)
	m.close()
	sent := 0
	eventually(t, "the three messages sent", func() bool {
		n, err := w.RunOnce()
		if err != nil {
			t.Fatal(err)
		}
		sent += n
		return sent >= 3
	})
	if sent != 3 || len(srv.received()) != 3 {
		t.Fatalf("sent %d, server received %d; want 3", sent, len(srv.received()))
	}
}
