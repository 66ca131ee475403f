package busy_test

import (
	"context"
	"net"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/busy"
)

// On one core, background work that calls Wait between its steps lets a
// connection that has just arrived in at its next step: the goroutine
// waiting to accept it runs after at most a step or two, not when the
// scheduler next asks the network poller on its own (every 10 ms, which is
// hundreds of steps; runtime.Gosched alone never asks it).
func TestWaitLetsAnArrivingConnectionIn(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	accepted := make(chan struct{})
	go func() {
		if c, err := l.Accept(); err == nil {
			c.Close()
		}
		close(accepted)
	}()
	// Let the accepting goroutine run until it waits in the poller.
	for range 3 {
		runtime.Gosched()
	}
	// Connect with plain system calls, which the Go scheduler does not
	// see: the connection is in the listener's queue and the poller has
	// not been asked yet, as when a request arrives during background work.
	fd := dial(t, l.Addr().(*net.TCPAddr))
	defer syscall.Close(fd)

	var g busy.Gauge
	steps := 0
	for ; steps < 100_000; steps++ {
		select {
		case <-accepted:
			if steps > 3 {
				t.Errorf("the connection was accepted after %d steps of background work, want at most 3", steps)
			}
			return
		default:
		}
		work(10 * time.Microsecond)
		g.Wait(context.Background(), time.Second)
	}
	t.Fatalf("the connection was not accepted in %d steps", steps)
}

// work keeps the CPU busy for about d, as a step of background work does.
func work(d time.Duration) {
	for start := time.Now(); time.Since(start) < d; {
	}
}

// dial connects to addr with a blocking connect(2).
func dial(t *testing.T, addr *net.TCPAddr) int {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	sa := &syscall.SockaddrInet4{Port: addr.Port}
	copy(sa.Addr[:], addr.IP.To4())
	if err := syscall.Connect(fd, sa); err != nil {
		syscall.Close(fd)
		t.Fatal(err)
	}
	return fd
}
