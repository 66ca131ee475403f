package mailin_test

import (
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/mailin"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// The listener takes mail for the town's addresses only, and refuses with
// the reply a sending server acts on: 550 (no relay, no such address), 552
// (too big), 452 (too many recipients), 554 (a loop, an unreadable
// message). Nothing refused is filed, and nothing is ever bounced; each
// refused message is listed in inbound_mail.
func TestRefusals(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	msg := []byte("From: Al <al@example.org>\r\nTo: report@testville.example\r\nSubject: Hi\r\nMessage-ID: <al@example.org>\r\n\r\nHello there.\r\n")
	var hops strings.Builder
	for i := range 31 {
		fmt.Fprintf(&hops, "Received: from hop%d.example.net by hop%d.example.net; Mon, 3 Nov 2026 08:00:00 -0500\r\n", i, i+1)
	}
	tooMany := make([]string, 21)
	for i := range tooMany {
		tooMany[i] = "report@testville.example"
	}
	cases := []struct {
		name     string
		rcpts    []string
		data     []byte
		code     int
		enhanced smtp.EnhancedCode
	}{
		{"relay", []string{"friend@example.com"}, msg, 550, smtp.EnhancedCode{5, 7, 1}},
		{"relay to a look-alike domain", []string{"report@testville.example.evil.test"}, msg, 550, smtp.EnhancedCode{5, 7, 1}},
		{"unknown address", []string{"mayor@testville.example"}, msg, 550, smtp.EnhancedCode{5, 1, 1}},
		{"inactive or unknown service", []string{"fireworks@testville.example"}, msg, 550, smtp.EnhancedCode{5, 1, 1}},
		{"oversize (25 MB)", []string{"report@testville.example"}, bigMessage(26 << 20), 552, smtp.EnhancedCode{5, 3, 4}},
		{"too many recipients", tooMany, msg, 452, smtp.EnhancedCode{4, 5, 3}},
		{"mail loop", []string{"report@testville.example"}, append([]byte(hops.String()), msg...), 554, smtp.EnhancedCode{5, 4, 6}},
		{"unreadable", []string{"report@testville.example"},
			[]byte("From: a@example.org\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\nbroken\r\n"), 554, smtp.EnhancedCode{5, 6, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := f.send(t, "al@example.org", c.rcpts, c.data)
			var se *smtp.SMTPError
			if !errors.As(err, &se) || se.Code != c.code || se.EnhancedCode != c.enhanced {
				t.Fatalf("got %v, want %d %v", err, c.code, c.enhanced)
			}
		})
	}
	for _, col := range []string{"requests", "outbox"} {
		if n := count(t, f.app, col); n != 0 {
			t.Errorf("%d %s records after refusals", n, col)
		}
	}
	// The refused messages (not the refused recipients) are listed for the clerk.
	var outcomes []string
	for _, l := range records(t, f.app, "inbound_mail", nil) {
		outcomes = append(outcomes, l.GetString("outcome"))
	}
	if strings.Join(outcomes, ",") != "refused,refused,refused" {
		t.Errorf("inbound_mail outcomes %v, want the oversize, the loop and the unreadable message refused", outcomes)
	}
}

// A bounce is taken (refusing it would only make another) and logged for
// the clerk; a message delivered twice (its 250 was lost) is stored once;
// a reply with nothing above the quote is refused.
func TestSetAsideAndDuplicates(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	f.mustSend(t, "", []string{"report@testville.example"}, eml(t, "bounce.eml"))
	if n := count(t, f.app, "requests"); n != 0 {
		t.Fatalf("a bounce became %d requests", n)
	}
	if logs := records(t, f.app, "inbound_mail", nil); len(logs) != 1 || logs[0].GetString("outcome") != "ignored" ||
		logs[0].GetString("reason") != "delivery report (bounce)" {
		t.Fatalf("bounce log: %v", logs)
	}
	if n := count(t, f.app, "outbox"); n != 0 {
		t.Fatalf("a bounce was answered (%d emails)", n)
	}

	for range 2 {
		f.mustSend(t, "tom.baker@example.net", []string{"report@testville.example"}, eml(t, "question-en.eml"))
	}
	if n := count(t, f.app, "requests"); n != 1 {
		t.Fatalf("one message sent twice made %d requests", n)
	}

	req := requestFrom(t, f.app, "tom.baker@example.net")
	reply := replyAddr(f.app, req)
	empty := "From: tom.baker@example.net\r\nTo: " + reply + "\r\nSubject: Re: x\r\n\r\nOn Mon, 3 Nov 2026, Town wrote:\r\n> Hello\r\n"
	if err := f.send(t, "tom.baker@example.net", []string{reply}, []byte(empty)); code(err) != 550 {
		t.Fatalf("an empty reply: %v, want 550", err)
	}
}

// A connection that dies in the middle of DATA leaves nothing stored, and
// the listener carries on.
func TestKilledMidDataStoresNothing(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	conn, err := net.Dial("tcp", f.addr)
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 4096)
	say := func(line string) string {
		if line != "" {
			conn.Write([]byte(line))
		}
		conn.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, _ := conn.Read(buf)
		return string(buf[:n])
	}
	say("")
	say("EHLO client.example.org\r\n")
	say("MAIL FROM:<jane.miller@example.org>\r\n")
	say("RCPT TO:<report@testville.example>\r\n")
	if r := say("DATA\r\n"); !strings.HasPrefix(r, "354") {
		t.Fatalf("DATA: %q", r)
	}
	whole := eml(t, "attachments-en.eml")
	conn.Write(whole[:len(whole)/2])
	conn.Close()
	// Wait for the server to end the session: its DATA has then failed and
	// anything it would have stored is stored.
	schematest.Eventually(t, "the server to end the cut-off session", func() bool { return f.srv.SessionsEnded() > 0 })
	for _, col := range []string{"requests", "inbound_mail", "outbox", "request_updates"} {
		if n := count(t, f.app, col); n != 0 {
			t.Fatalf("%d %s records after a cut-off message", n, col)
		}
	}
	f.mustSend(t, "jane.miller@example.org", []string{"report@testville.example"}, eml(t, "plain-en.eml"))
	if n := count(t, f.app, "requests"); n != 1 {
		t.Fatalf("%d requests after the next message, want 1", n)
	}
}

// The 250 comes only after the commit: once the sender has it, the request
// is on disk, and a new process opening the data folder finds it.
func TestStoredBeforeTheReply(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	f.mustSend(t, "jane.miller@example.org", []string{"report@testville.example"}, eml(t, "plain-en.eml"))
	number := requestFrom(t, f.app, "jane.miller@example.org").GetString("number")
	f.srv.Stop()
	f.app.ClearBootstrap() // the process ends: the database is closed

	again := core.NewBaseApp(core.BaseAppConfig{DataDir: f.app.DataDir(), EncryptionEnv: "pb_test_env"})
	if err := again.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer again.ClearBootstrap()
	r, err := again.FindFirstRecordByData("requests", "number", number)
	if err != nil || r.GetString("channel") != "email" {
		t.Fatalf("after a restart, request %s: %v, %v", number, r, err)
	}
	if acks, _ := again.FindAllRecords("outbox"); len(acks) != 1 {
		t.Fatalf("after a restart, %d emails queued, want the acknowledgement", len(acks))
	}
}

// An internal failure is a temporary 451 that says nothing about the
// cause, so the sender retries; the cause is in the log.
func TestInternalErrorIsGeneric451(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	col, err := f.app.FindCollectionByNameOrId("inbound_mail")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.app.Delete(col); err != nil {
		t.Fatal(err)
	}
	err = f.send(t, "jane.miller@example.org", []string{"report@testville.example"}, eml(t, "plain-en.eml"))
	var se *smtp.SMTPError
	if !errors.As(err, &se) || se.Code != 451 || se.EnhancedCode != (smtp.EnhancedCode{4, 3, 0}) ||
		se.Message != "Temporary local problem, please try again later" {
		t.Fatalf("got %v, want a bare 451 4.3.0", err)
	}
	if n := count(t, f.app, "requests"); n != 0 {
		t.Fatalf("%d requests stored by a failed delivery", n)
	}
}
