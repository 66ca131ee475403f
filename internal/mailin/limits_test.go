package mailin_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/mailin"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// dial opens a session and says EHLO.
func dial(t testing.TB, addr string) (*smtp.Client, error) {
	t.Helper()
	c, err := smtp.Dial(addr)
	if err != nil {
		return nil, err
	}
	t.Cleanup(func() { c.Close() })
	return c, c.Hello("client.example.org")
}

// Connections are limited overall and per address; the one over the limit
// hears 421 and is closed. A trusted relay has no per-address limit.
func TestConnectionLimits(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{MaxConnectionsPerIP: 2, MaxConnections: 50})
	for range 2 {
		if _, err := dial(t, f.addr); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := dial(t, f.addr); code(err) != 421 {
		t.Fatalf("third connection from one address: %v, want 421", err)
	}

	g := newFixture(t, mailin.Config{MaxConnectionsPerIP: 1, MaxConnections: 3, Trusted: []string{"127.0.0.1"}})
	for range 3 {
		if _, err := dial(t, g.addr); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := dial(t, g.addr); code(err) != 421 {
		t.Fatalf("fourth connection overall: %v, want 421", err)
	}
}

// An address may send so many messages an hour; then MAIL is deferred
// with 450, which a real mail server retries later.
func TestMessagesPerHour(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{MessagesPerIPPerHour: 2})
	c, err := dial(t, f.addr)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		err := c.Mail("al@example.org", nil)
		if i < 2 && err != nil {
			t.Fatalf("message %d: %v", i+1, err)
		}
		if i == 2 && code(err) != 450 {
			t.Fatalf("message 3: %v, want 450", err)
		}
		c.Reset()
	}
}

// A session ends at its deadline however slowly the client talks, and a
// client that keeps getting refusals is disconnected.
func TestSessionDeadlineAndErrorLimit(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{SessionTimeout: 2 * time.Second, ReadTimeout: time.Minute})
	start := time.Now()
	c, err := dial(t, f.addr)
	if err != nil {
		t.Fatal(err)
	}
	// Busy, but never done: the client talks until the server hangs up.
	for c.Noop() == nil {
		if time.Since(start) > 20*time.Second {
			t.Fatal("the session outlived its deadline")
		}
	}
	if took := time.Since(start); took < 2*time.Second {
		t.Fatalf("the session ended after %v, before its 2s deadline", took)
	}

	g := newFixture(t, mailin.Config{MaxErrors: 3})
	c, err = dial(t, g.addr)
	if err != nil {
		t.Fatal(err)
	}
	c.Mail("spammer@example.org", nil)
	for i := range 3 {
		if err := c.Rcpt("user"+string(rune('a'+i))+"@example.com", nil); code(err) != 550 {
			t.Fatalf("refusal %d: %v", i+1, err)
		}
	}
	if err := c.Rcpt("report@testville.example", nil); err == nil {
		t.Fatal("the connection stayed open after too many refusals")
	}
}

// STARTTLS is offered when a certificate is configured, never AUTH; mail
// sent over TLS is stored like any other.
func TestStartTLS(t *testing.T) {
	t.Parallel()
	plain := newFixture(t, mailin.Config{})
	c, err := dial(t, plain.addr)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		t.Fatal("STARTTLS offered without a certificate")
	}
	cert, key := selfSigned(t)
	f := newFixture(t, mailin.Config{TLSCert: cert, TLSKey: key})
	c, err = dial(t, f.addr)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.Extension("STARTTLS"); !ok {
		t.Fatal("STARTTLS not offered")
	}
	if ok, _ := c.Extension("AUTH"); ok {
		t.Fatal("AUTH offered")
	}
	c, err = smtp.DialStartTLS(f.addr, &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, ok := c.TLSConnectionState(); !ok {
		t.Fatal("not encrypted after STARTTLS")
	}
	if ok, _ := c.Extension("AUTH"); ok {
		t.Fatal("AUTH offered after STARTTLS")
	}
	if err := c.Mail("jane.miller@example.org", nil); err != nil {
		t.Fatal(err)
	}
	if err := c.Rcpt("report@testville.example", nil); err != nil {
		t.Fatal(err)
	}
	w, err := c.Data()
	if err != nil {
		t.Fatal(err)
	}
	w.Write(eml(t, "plain-en.eml"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if n := count(t, f.app, "requests"); n != 1 {
		t.Fatalf("%d requests over TLS", n)
	}
}

func selfSigned(t testing.TB) (certFile, keyFile string) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "mx.testville.example"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour), DNSNames: []string{"mx.testville.example"}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	return certFile, keyFile
}

// Register opens the listener when the app serves and closes it when the
// app terminates.
func TestListenerRunsFromServeToTerminate(t *testing.T) {
	t.Parallel()
	app, err := tests.NewTestApp(townhalltest.SharedDemoDir(t))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	bundle, err := i18n.Load(townhalltest.TestConfig().Locales)
	if err != nil {
		t.Fatal(err)
	}
	store := town.NewStore(app, bundle.Has)
	store.Reload()
	in := &mailin.Intake{App: app, Requests: &requests.Domain{Town: store}, Bundle: bundle, Town: store}
	srv := mailin.Register(app, in, mailin.Config{Addr: "127.0.0.1:0"})
	if err := app.OnServe().Trigger(&core.ServeEvent{App: app}); err != nil {
		t.Fatal(err)
	}
	addr := srv.Addr()
	if addr == nil {
		t.Fatal("not listening after serve")
	}
	if _, err := dial(t, addr.String()); err != nil {
		t.Fatal(err)
	}
	if err := app.OnTerminate().Trigger(&core.TerminateEvent{App: app}); err != nil {
		t.Fatal(err)
	}
	if _, err := net.DialTimeout("tcp", addr.String(), time.Second); err == nil {
		t.Fatal("still listening after terminate")
	}
}
