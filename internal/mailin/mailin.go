// Package mailin is Townhall's inbound email: an SMTP listener (go-smtp)
// that takes mail for the town's own addresses only, within set limits,
// and hands each message to the requests domain: report@ and <service
// code>@ become new requests, and request+<number>.<signature>@ replies
// become comments. A message gets its 250 only once it is stored.
package mailin

import (
	"net"
	"time"
)

// Config is the listener's address and limits; zero values take the
// defaults, which suit a small town's public MX.
type Config struct {
	Addr     string // host:port; "" or "off" turns the listener off. Default for the flag: 127.0.0.1:2525
	Hostname string // the name in the greeting; default: the town's mail domain

	TLSCert, TLSKey string // PEM files; STARTTLS is offered when both are set

	MaxMessageBytes int64         // default 25 MB (larger: 552 5.3.4)
	MaxRecipients   int           // default 20 (more: 452 4.5.3)
	MaxLineLength   int           // default: MaxMessageBytes (see withDefaults)
	ReadTimeout     time.Duration // per command, and between chunks of DATA; default 60s
	WriteTimeout    time.Duration // default 60s
	SessionTimeout  time.Duration // a whole connection; default 10 min
	// IdleTimeout ends a session that makes no progress for so long: only
	// an accepted MAIL, a new recipient and message data count, so NOOP,
	// RSET and the like cannot hold a connection open. Default 30s.
	IdleTimeout time.Duration

	MaxConnections      int // open at once; default 50
	MaxConnectionsPerIP int // open at once from one address; default 5
	// ReservedForTrusted are connections only Trusted addresses may take, so
	// that strangers holding every other place cannot keep the town's relay
	// out. Default: a fifth of MaxConnections when Trusted is set.
	ReservedForTrusted   int
	MessagesPerIPPerHour int // default 100
	MaxErrors            int // refused commands before the connection is closed; default 10

	// Trusted are client addresses without per-address limits, which may
	// also take the ReservedForTrusted connections: the town's own mail
	// server, when it forwards all mail to Townhall. Their
	// Authentication-Results headers are believed (see auth.go); no one
	// else's are.
	Trusted []string

	// Sender checks (auth.go): a message is filed under a resident's
	// account, or a reply posted as theirs or a staff member's, only when
	// DKIM or SPF vouches for its From domain.
	NoSenderChecks bool          // make no DNS look-ups: only a trusted relay's Authentication-Results count
	Resolver       Resolver      // DNS for DKIM, SPF and DMARC; default net.DefaultResolver
	AuthTimeout    time.Duration // all look-ups for one message; default 5s

	Now func() time.Time // the clock, for tests
}

func (c Config) withDefaults() Config {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v <= 0 {
			*v = d
		}
	}
	if c.MaxMessageBytes <= 0 {
		c.MaxMessageBytes = 25 << 20
	}
	def(&c.MaxRecipients, 20)
	// Real mail servers take message lines far past RFC 5321's 998
	// characters (HTML mailers write whole paragraphs on one line); a line
	// as long as the message costs no more memory than DATA itself.
	def(&c.MaxLineLength, int(min(c.MaxMessageBytes, 1<<30)))
	defDur(&c.ReadTimeout, time.Minute)
	defDur(&c.WriteTimeout, time.Minute)
	defDur(&c.SessionTimeout, 10*time.Minute)
	defDur(&c.IdleTimeout, 30*time.Second)
	def(&c.MaxConnections, 50)
	if c.ReservedForTrusted <= 0 && len(c.Trusted) > 0 {
		c.ReservedForTrusted = c.MaxConnections / 5
	}
	c.ReservedForTrusted = min(c.ReservedForTrusted, c.MaxConnections-1)
	def(&c.MaxConnectionsPerIP, 5)
	def(&c.MessagesPerIPPerHour, 100)
	def(&c.MaxErrors, 10)
	defDur(&c.AuthTimeout, 5*time.Second)
	if c.Resolver == nil {
		c.Resolver = net.DefaultResolver
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c
}
