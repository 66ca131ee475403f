package mailin

import (
	"net"
	"sync"
	"time"
)

// gate counts open connections, overall and per client address.
type gate struct {
	mu         sync.Mutex
	max, perIP int
	reserved   int // of max, for exempt addresses only
	total      int
	byIP       map[string]int
	exempt     map[string]bool // trusted: no per-address limit, and the reserved places
}

func newGate(max, perIP, reserved int, exempt []string) *gate {
	g := &gate{max: max, perIP: perIP, reserved: reserved, byIP: map[string]int{}, exempt: map[string]bool{}}
	for _, ip := range exempt {
		g.exempt[ip] = true
	}
	return g
}

// enter takes a place for ip, if one is free: any place for a trusted
// address, else one outside the reserved share within the per-address limit.
func (g *gate) enter(ip string) bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	limit := g.max
	if !g.exempt[ip] {
		limit -= g.reserved
	}
	if g.total >= limit || (!g.exempt[ip] && g.byIP[ip] >= g.perIP) {
		return false
	}
	g.total++
	g.byIP[ip]++
	return true
}

func (g *gate) leave(ip string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.total--
	if g.byIP[ip]--; g.byIP[ip] <= 0 {
		delete(g.byIP, ip)
	}
}

// gatedListener admits connections through a gate and gives each a whole-
// session deadline and an idle deadline. Connections over a limit are told
// so (421) and closed, which mail servers treat as "try again later".
type gatedListener struct {
	net.Listener
	gate    *gate
	session time.Duration
	idle    time.Duration // without progress (see sessionConn.progress)
	grace   time.Duration // for the last reply after the deadline
}

var tooManyConnections = []byte("421 4.7.0 Too many connections, try again later\r\n")

func (l *gatedListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		ip := hostIP(c.RemoteAddr())
		if !l.gate.enter(ip) {
			// A fresh socket's send buffer takes one line at once, so this
			// never holds up the accept loop.
			c.SetWriteDeadline(time.Now().Add(time.Second))
			c.Write(tooManyConnections)
			c.Close()
			continue
		}
		now := time.Now()
		sc := &sessionConn{Conn: c, ip: ip, gate: l.gate, deadline: now.Add(l.session), idle: l.idle, idleAt: now.Add(l.idle), grace: l.grace}
		sc.Conn.SetDeadline(sc.deadline)
		sc.Conn.SetReadDeadline(sc.readLimit())
		return sc, nil
	}
}

func hostIP(a net.Addr) string {
	if host, _, err := net.SplitHostPort(a.String()); err == nil {
		return host
	}
	return a.String()
}

// sessionConn is one client's connection. go-smtp sets a read deadline for
// every command; sessionConn keeps each before the session's own deadline,
// so no client holds a connection longer than the session limit, however
// slowly it talks, and before the idle deadline, which only progress moves:
// a client that sends NOOP or RSET forever is let go as one that is silent.
type sessionConn struct {
	net.Conn
	ip    string
	gate  *gate
	grace time.Duration
	idle  time.Duration
	once  sync.Once

	mu       sync.Mutex
	deadline time.Time
	idleAt   time.Time // the idle deadline
}

// progress moves the idle deadline on: the client got somewhere (a sender,
// a recipient, message data).
func (c *sessionConn) progress() {
	c.mu.Lock()
	c.idleAt = time.Now().Add(c.idle)
	c.mu.Unlock()
}

// readLimit is the earlier of the session's deadline and the idle one.
func (c *sessionConn) readLimit() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.idleAt.Before(c.deadline) {
		return c.idleAt
	}
	return c.deadline
}

// writeLimit leaves time for a last reply after the session's deadline.
func (c *sessionConn) writeLimit() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.deadline.Add(c.grace)
}

// before is t, or limit if t is later or zero (no deadline).
func before(t, limit time.Time) time.Time {
	if t.IsZero() || t.After(limit) {
		return limit
	}
	return t
}

func (c *sessionConn) SetReadDeadline(t time.Time) error {
	return c.Conn.SetReadDeadline(before(t, c.readLimit()))
}

func (c *sessionConn) SetWriteDeadline(t time.Time) error {
	return c.Conn.SetWriteDeadline(before(t, c.writeLimit()))
}

func (c *sessionConn) SetDeadline(t time.Time) error {
	if err := c.SetReadDeadline(t); err != nil {
		return err
	}
	return c.SetWriteDeadline(t)
}

// expire ends the session at the next read: go-smtp then answers 421 and
// closes the connection.
func (c *sessionConn) expire() {
	c.mu.Lock()
	c.deadline = time.Now()
	c.mu.Unlock()
	c.Conn.SetReadDeadline(time.Now())
}

func (c *sessionConn) Close() error {
	c.once.Do(func() { c.gate.leave(c.ip) })
	return c.Conn.Close()
}

// hourly counts messages per client address in fixed one-hour windows.
type hourly struct {
	mu     sync.Mutex
	limit  int
	now    func() time.Time
	byIP   map[string]*window
	exempt map[string]bool
}

type window struct {
	start time.Time
	n     int
}

func newHourly(limit int, exempt []string, now func() time.Time) *hourly {
	h := &hourly{limit: limit, now: now, byIP: map[string]*window{}, exempt: map[string]bool{}}
	for _, ip := range exempt {
		h.exempt[ip] = true
	}
	return h
}

// allow reports whether ip may send one more message this hour, and counts it.
func (h *hourly) allow(ip string) bool {
	if h.exempt[ip] {
		return true
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.now()
	if len(h.byIP) > 10_000 {
		for k, w := range h.byIP {
			if now.Sub(w.start) >= time.Hour {
				delete(h.byIP, k)
			}
		}
	}
	w := h.byIP[ip]
	if w == nil || now.Sub(w.start) >= time.Hour {
		w = &window{start: now}
		h.byIP[ip] = w
	}
	if w.n >= h.limit {
		return false
	}
	w.n++
	return true
}
