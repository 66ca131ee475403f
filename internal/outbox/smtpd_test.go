package outbox

import (
	"bytes"
	"io"
	"net"
	"net/mail"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// smtpd is a real SMTP server on 127.0.0.1 that keeps what it accepts.
// It offers neither STARTTLS nor AUTH, which matches PocketBase's client
// with TLS off and no username: it sends in the clear, unauthenticated.
type smtpd struct {
	port int

	mu       sync.Mutex
	refuse   int         // deliveries still to refuse with a 451
	refused  int         // deliveries refused so far
	onData   func(n int) // called with the n-th delivery (from 1), before it is kept
	messages []received  // accepted, in order
}

// received is one accepted message and its envelope recipients.
type received struct {
	rcpt []string
	*mail.Message
}

func startSMTP(t testing.TB) *smtpd {
	t.Helper()
	d := &smtpd{}
	s := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{d: d}, nil
	}))
	s.Domain = "localhost"
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	s.MaxMessageBytes, s.MaxRecipients = 1<<20, 5
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	d.port = l.Addr().(*net.TCPAddr).Port
	go s.Serve(l) //nolint:errcheck // returns when Close is called
	t.Cleanup(func() { s.Close() })
	return d
}

// deliver keeps one message, or refuses it while refuse > 0.
func (d *smtpd) deliver(rcpt []string, data []byte) error {
	d.mu.Lock()
	n, hook := len(d.messages)+d.refused+1, d.onData
	if d.refuse > 0 {
		d.refuse--
		d.refused++
		d.mu.Unlock()
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}
	}
	d.mu.Unlock()
	if hook != nil {
		hook(n)
	}
	m, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 6, 0}, Message: "Malformed message"}
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	d.messages = append(d.messages, received{rcpt, m})
	return nil
}

// refuseNext makes the server refuse the next n deliveries.
func (d *smtpd) refuseNext(n int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.refuse = n
}

// onDelivery sets a function called with the n-th delivery (from 1),
// inside the SMTP DATA command, before the message is kept.
func (d *smtpd) onDelivery(f func(n int)) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.onData = f
}

// refusedCount is how many deliveries were refused.
func (d *smtpd) refusedCount() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.refused
}

// received returns the accepted messages so far.
func (d *smtpd) received() []received {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]received(nil), d.messages...)
}

// session takes one connection's envelope and hands the data to smtpd.
type session struct {
	d  *smtpd
	to []string
}

func (s *session) Mail(string, *smtp.MailOptions) error { return nil }

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r) // go-smtp stops reading at MaxMessageBytes
	if err != nil {
		return err
	}
	return s.d.deliver(s.to, data)
}

func (s *session) Reset()        { s.to = nil }
func (s *session) Logout() error { return nil }
