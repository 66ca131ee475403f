package mailin_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/emersion/go-smtp"
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/mailin"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// fixture is a town with a real SMTP listener on 127.0.0.1, on a port of
// its own.
type fixture struct {
	app  *tests.TestApp
	th   *townhall.Townhall
	srv  *mailin.Server
	addr string
	dns  *fakeDNS // the DNS the sender checks see, unless cfg had its own
}

// newFixture starts a listener with cfg for Testville (NewEmptyTown), mail
// at testville.example, with the services mail is filed to: the clerk's
// questions ("general", where report@ files what it cannot place), and
// Public Works' "pothole" and "streetlight". Without a cfg.Resolver, the
// sender checks look up names in f.dns, an empty zone to begin with: tests
// never reach the network.
func newFixture(t testing.TB, cfg mailin.Config) *fixture {
	t.Helper()
	app, th := townhalltest.NewEmptyTown(t)
	works := schematest.Create(t, app, "departments", map[string]any{"slug": "public-works", "name": "Public Works",
		"email": "works@testville.example"})
	townhalltest.Question(t, app, schematest.Department(t, app, "clerk"))
	townhalltest.Pothole(t, app, works, map[string]any{"public_requests": true})
	schematest.Service(t, app, works, "streetlight", map[string]any{"name": "Street light out", "kind": "problem",
		"needs_location": true, "anonymous": true, "keywords": "street light, streetlight, lamp, dark"})
	return listen(t, app, th, cfg)
}

// newDemoFixture starts a listener with cfg for a clone of the demo town,
// mail at aldercreek.example.
func newDemoFixture(t testing.TB, cfg mailin.Config) *fixture {
	t.Helper()
	app, err := tests.NewTestApp(townhalltest.SharedDemoDir(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	th, err := townhall.Register(app, townhalltest.TestConfig())
	if err != nil {
		t.Fatal(err)
	}
	th.Town.Reload()
	return listen(t, app, th, cfg)
}

// listen starts a listener with cfg for app.
func listen(t testing.TB, app *tests.TestApp, th *townhall.Townhall, cfg mailin.Config) *fixture {
	t.Helper()
	var dns *fakeDNS
	if cfg.Resolver == nil {
		dns = newFakeDNS()
		cfg.Resolver = dns
	}
	f := &fixture{app: app, th: th, dns: dns}
	f.start(t, cfg)
	return f
}

// start opens a listener on a free port.
func (f *fixture) start(t testing.TB, cfg mailin.Config) {
	t.Helper()
	cfg.Addr = "127.0.0.1:0"
	f.srv = mailin.New(f.app, &mailin.Intake{App: f.app, Requests: f.th.Requests, Bundle: f.th.Bundle, Town: f.th.Town}, cfg)
	if err := f.srv.Start(); err != nil {
		t.Fatal(err)
	}
	f.addr = f.srv.Addr().String()
	t.Cleanup(f.srv.Stop)
}

// send delivers data from returnPath to rcpts with the go-smtp client and
// returns the first refusal, as an *smtp.SMTPError.
func (f *fixture) send(t testing.TB, returnPath string, rcpts []string, data []byte) error {
	t.Helper()
	c, err := smtp.Dial(f.addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Hello("client.example.org"); err != nil {
		return err
	}
	if err := c.Mail(returnPath, nil); err != nil {
		return err
	}
	for _, r := range rcpts {
		if err := c.Rcpt(r, nil); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// mustSend is send that expects the 250.
func (f *fixture) mustSend(t testing.TB, returnPath string, rcpts []string, data []byte) {
	t.Helper()
	if err := f.send(t, returnPath, rcpts, data); err != nil {
		t.Fatalf("send to %v: %v", rcpts, err)
	}
}

// code is the SMTP reply code of err, or 0.
func code(err error) int {
	var se *smtp.SMTPError
	if errors.As(err, &se) {
		return se.Code
	}
	return 0
}

// eml reads a fixture and fills in {{NUMBER}} and {{REPLY}}.
func eml(t testing.TB, name string, subst ...string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(strings.NewReplacer(subst...).Replace(string(b)))
}

// records lists a collection's records matching exp, oldest first.
var records = schematest.Records

// requestFrom is the one request logged as received from sender.
func requestFrom(t testing.TB, app core.App, sender string) *core.Record {
	t.Helper()
	logs := records(t, app, "inbound_mail", dbx.HashExp{"sender": sender, "outcome": "request"})
	if len(logs) != 1 {
		t.Fatalf("%d requests logged from %s, want 1", len(logs), sender)
	}
	r, err := app.FindRecordById("requests", logs[0].GetString("request"))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// mailTo lists the outbox messages to addr.
func mailTo(t testing.TB, app core.App, addr string) []*core.Record {
	t.Helper()
	return records(t, app, "outbox", dbx.HashExp{"to": addr})
}

// count is app.CountRecords that fails the test on an error.
var count = schematest.Count

// bigMessage is a message of about n bytes.
func bigMessage(n int) []byte {
	var b bytes.Buffer
	b.WriteString("From: Big <big@example.org>\r\nTo: report@testville.example\r\nSubject: Big\r\nMessage-ID: <big@example.org>\r\n\r\n")
	line := strings.Repeat("x", 76) + "\r\n"
	for b.Len() < n {
		b.WriteString(line)
	}
	return b.Bytes()
}
