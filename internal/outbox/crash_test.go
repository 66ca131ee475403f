package outbox

import (
	"bufio"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// lastWords is a mail server that takes a message (250 after DATA) and
// then never answers again: the process sending to it is, for the server,
// as good as dead in the instant after the 250.
type lastWords struct {
	*mute
	accepted chan string   // the Message-ID of each message taken
	quit     chan struct{} // a QUIT came, after the message
}

func startLastWords(t *testing.T) *lastWords {
	t.Helper()
	s := &lastWords{accepted: make(chan string, 10), quit: make(chan struct{}, 10)}
	s.mute = startRaw(t, s.serve)
	return s
}

func (s *lastWords) serve(c net.Conn) {
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	say := func(line string) { w.WriteString(line + "\r\n"); w.Flush() }
	say("220 localhost ready")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"),
			strings.HasPrefix(cmd, "MAIL"), strings.HasPrefix(cmd, "RCPT"):
			say("250 OK")
		case cmd == "DATA":
			say("354 go ahead")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(l)
			}
			say("250 taken")
			id := ""
			if m, err := mail.ReadMessage(strings.NewReader(data.String())); err == nil {
				id = m.Header.Get("Message-Id")
			}
			s.accepted <- id
		case cmd == "QUIT":
			s.quit <- struct{}{} // and no answer
		default: // silence
		}
	}
}

// The process dies right after the server's 250: here the worker is left
// hanging on the server from its QUIT on, and a new process opens the same
// data directory once the first one's claim has expired. The message must
// be recorded sent already, and not go out again; the copy that went out
// carries the Message-ID every attempt at it carries.
func TestDeathAfterTheServerTookItSendsOnce(t *testing.T) {
	t.Parallel()
	dying := startLastWords(t)
	app := newApp(t, nil)
	app.Settings().SMTP = core.SMTPConfig{Enabled: true, Host: "127.0.0.1", Port: dying.l.Addr().(*net.TCPAddr).Port}
	if err := app.Save(app.Settings()); err != nil {
		t.Fatal(err)
	}
	queue(t, app, "once")
	w := Register(app, Options{SendTimeout: time.Minute})
	passDone := make(chan struct{})
	go func() {
		defer close(passDone)
		w.RunOnce() //nolint:errcheck // the pass of a dead process: its outcome is not looked at
	}()
	// The dead process's pass ends (its server hangs up) before its database closes.
	die := sync.OnceFunc(func() { dying.close(); <-passDone })
	t.Cleanup(die)
	var firstID string
	select {
	case firstID = <-dying.accepted:
	case <-time.After(10 * time.Second):
		t.Fatal("the server never took the message")
	}
	// The sender says QUIT once it has done what it does on the 250; there
	// the process dies: its pass ends and its database is closed before the
	// next process opens the folder (two live apps on one folder would
	// reload each other's settings, which PocketBase's logger does not
	// expect within one process).
	select {
	case <-dying.quit:
	case <-time.After(10 * time.Second):
		t.Fatal("the sender never said QUIT")
	}
	die()
	if err := app.ClearBootstrap(); err != nil {
		t.Fatal(err)
	}

	// A new process, later, with a working mail server.
	app2 := core.NewBaseApp(core.BaseAppConfig{DataDir: app.DataDir(), EncryptionEnv: "pb_test_env"})
	if err := app2.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { app2.ClearBootstrap() })
	srv := startSMTP(t)
	setSMTP(t, app2, srv)
	clk := newClock()
	clk.Advance(2 * sendingGrace)
	w2 := Register(app2, Options{Clock: clk})
	runOnce(t, w2, 0)
	if r := outbox(t, app2, "once"); r.GetString("status") != StatusSent || r.GetInt("attempts") != 0 {
		t.Errorf("after the restart: status=%q attempts=%d, want sent after no failed attempt", r.GetString("status"), r.GetInt("attempts"))
	}
	if n := len(srv.received()); n != 0 {
		t.Errorf("the message went out again after the restart (%d copies)", n)
	}
	if firstID != messageID("once", sender) {
		t.Errorf("Message-ID %q, want %q", firstID, messageID("once", sender))
	}
}
