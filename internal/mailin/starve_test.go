package mailin_test

import (
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/townhall/townhall/internal/mailin"
)

// dialFrom opens a session from a chosen loopback address (all of
// 127.0.0.0/8 is loopback on Linux) and says EHLO.
func dialFrom(t testing.TB, local, addr string) (*smtp.Client, error) {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 10 * time.Second}
	conn, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c := smtp.NewClient(conn)
	t.Cleanup(func() { c.Close() })
	return c, c.Hello("client.example.org")
}

// hold opens five connections from each of ten addresses (127.0.0.2 to
// 127.0.0.11), as a starving attacker does, and returns those admitted.
func hold(t testing.TB, addr string) (held []*smtp.Client, refused int) {
	t.Helper()
	for i := range 10 {
		for range 5 {
			c, err := dialFrom(t, "127.0.0."+strconv.Itoa(2+i), addr)
			switch {
			case err == nil:
				held = append(held, c)
			case code(err) == 421:
				refused++
			default:
				t.Fatal(err)
			}
		}
	}
	return held, refused
}

// sendOn is a whole message from a client already past EHLO.
func sendOn(t testing.TB, c *smtp.Client, from string) error {
	t.Helper()
	if err := c.Mail(from, nil); err != nil {
		return err
	}
	if err := c.Rcpt("report@testville.example", nil); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	w.Write([]byte("From: " + from + "\r\nTo: report@testville.example\r\nSubject: Streetlight out\r\n\r\nThe light at 4 Birch Road is out.\r\n"))
	return w.Close()
}

// Strangers holding connections open cannot keep the town's relay out: a
// share of the places is kept for --smtpTrusted addresses.
func TestTrustedRelayGetsInWhileStrangersHoldConnections(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{MaxConnections: 50, MaxConnectionsPerIP: 5, ReservedForTrusted: 10,
		Trusted: []string{"127.0.0.1"}, IdleTimeout: time.Minute})
	held, refused := hold(t, f.addr)
	if len(held) != 40 || refused != 10 {
		t.Fatalf("%d connections held and %d refused, want 40 and 10 (10 kept for the relay)", len(held), refused)
	}
	for _, c := range held {
		if err := c.Noop(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := dialFrom(t, "127.0.0.12", f.addr); code(err) != 421 {
		t.Fatalf("another stranger: %v, want 421", err)
	}
	f.filesOne(t, "127.0.0.1", "the trusted relay")
}

// NOOP and RSET do not keep a session alive: connections that only send
// them are closed at the idle deadline, and a real sender then gets in.
func TestIdleConnectionsAreClosedDespiteNoop(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{MaxConnections: 50, MaxConnectionsPerIP: 5, IdleTimeout: 10 * time.Second})
	// Five connections from each of ten addresses; each sends NOOP and RSET
	// in turn from the moment it is admitted, as fast as it is answered,
	// until the server closes it.
	var wg sync.WaitGroup
	commands := make([]int, 50)
	for i := range 50 {
		c, err := dialFrom(t, "127.0.0."+strconv.Itoa(2+i/5), f.addr)
		if err != nil {
			t.Fatalf("connection %d: %v", i+1, err)
		}
		wg.Go(func() {
			for ; ; commands[i]++ {
				var err error
				if commands[i]%2 == 0 {
					err = c.Noop()
				} else {
					err = c.Reset()
				}
				if err != nil {
					return
				}
			}
		})
	}
	if _, err := dialFrom(t, "127.0.0.12", f.addr); code(err) != 421 {
		t.Fatalf("a sender while 50 are held: %v, want 421", err)
	}
	closed := make(chan struct{})
	go func() { wg.Wait(); close(closed) }()
	select {
	case <-closed:
	case <-time.After(time.Minute):
		t.Fatal("connections sending only NOOP and RSET were still open after a minute (idle deadline 10s)")
	}
	for i, n := range commands {
		if n < 2 {
			t.Fatalf("idle client %d sent %d commands before it was closed, want NOOP and RSET at least", i+1, n)
		}
	}
	f.filesOne(t, "127.0.0.12", "a sender after the idle ones were closed")
}

// filesOne dials from ip as who, sends a message from
// neighbour@example.org, and fails unless it is taken and is the town's
// one request.
func (f *fixture) filesOne(t testing.TB, ip, who string) {
	t.Helper()
	c, err := dialFrom(t, ip, f.addr)
	if err != nil {
		t.Fatalf("%s: %v", who, err)
	}
	if err := sendOn(t, c, "neighbour@example.org"); err != nil {
		t.Fatalf("%s's message: %v", who, err)
	}
	if n := count(t, f.app, "requests"); n != 1 {
		t.Fatalf("%d requests stored, want 1", n)
	}
}
