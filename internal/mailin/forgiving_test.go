package mailin_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/mailin"
)

// staffNotes are the internal notes on request r.
func staffNotes(t testing.TB, app core.App, r *core.Record) string {
	t.Helper()
	var bodies []string
	for _, n := range records(t, app, "request_updates", dbx.HashExp{"request": r.Id, "kind": "note"}) {
		bodies = append(bodies, n.GetString("body"))
	}
	return strings.Join(bodies, "\n")
}

// serviceCode is the code of r's service.
func serviceCode(t testing.TB, app core.App, r *core.Record) string {
	t.Helper()
	svc, err := app.FindRecordById("services", r.GetString("service"))
	if err != nil {
		t.Fatal(err)
	}
	return svc.GetString("code")
}

// A sender on an intranet (no dot in the domain) wrote readable text: it is
// filed, not deferred with a 451 that has the sending server retry for
// days. The address is kept for the clerk in a note; no acknowledgement is
// queued to an address no mail server can reach.
func TestSenderWithoutDotInDomainIsFiled(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	f.mustSend(t, "admin@intranet", []string{"report@testville.example"}, eml(t, "intranet-sender-en.eml"))
	r := requestFrom(t, f.app, "admin@intranet")
	if !strings.Contains(r.GetString("description"), "leaf pickup come to Cedar Court") || r.GetString("contact_email") != "" {
		t.Errorf("request: %q, contact %q", r.GetString("description"), r.GetString("contact_email"))
	}
	if notes := staffNotes(t, f.app, r); !strings.Contains(notes, "admin@intranet") {
		t.Errorf("no note names the sender's address: %q", notes)
	}
	if n := count(t, f.app, "outbox"); n != 0 {
		t.Errorf("%d emails queued to an unreachable address", n)
	}
}

// A different message that reuses a Message-ID is filed like any other;
// only a true repeat (the same content again) is dropped, and the drop is
// recorded.
func TestReusedMessageIDIsFiled(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	first := eml(t, "plain-en.eml")
	second := []byte(strings.Replace(string(first), "has been dark for three nights", "flickers all night and has for a week", 1))
	second = []byte(strings.Replace(string(second), "Subject: Street light out on Birch Lane", "Subject: Another light on Birch Lane", 1))
	for _, m := range [][]byte{first, second, first} {
		f.mustSend(t, "jane.miller@example.org", []string{"report@testville.example"}, m)
	}
	if n := count(t, f.app, "requests"); n != 2 {
		t.Fatalf("%d requests, want 2: the second message is not the first", n)
	}
	logs := records(t, f.app, "inbound_mail", dbx.HashExp{"sender": "jane.miller@example.org"})
	var outcomes []string
	for _, l := range logs {
		outcomes = append(outcomes, l.GetString("outcome"))
	}
	if strings.Join(outcomes, ",") != "request,request,duplicate" || logs[2].GetString("request") != logs[0].GetString("request") {
		t.Fatalf("inbound_mail outcomes %v (duplicate's request %q, first's %q)", outcomes, logs[2].GetString("request"), logs[0].GetString("request"))
	}
}

// One attachment that cannot be read (base64 cut short, a multipart
// without its closing boundary) no longer bounces the email: the text is
// filed, the readable files kept, and the clerk told which could not be
// read.
func TestBrokenAttachmentKeepsTheText(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	for _, c := range []struct{ file, from, text, unreadable string }{
		{"broken-base64-en.eml", "rosa.delgado@example.net", "has been dark for a week", "willow-light.jpg"},
		{"no-closing-boundary-es.eml", "joaquin.ruiz@example.com", "Hay un bache muy profundo", "bache.png"},
	} {
		if err := f.send(t, c.from, []string{"report@testville.example"}, eml(t, c.file)); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		r := requestFrom(t, f.app, c.from)
		if !strings.Contains(r.GetString("description"), c.text) {
			t.Errorf("%s: description %q", c.file, r.GetString("description"))
		}
		if notes := staffNotes(t, f.app, r); !strings.Contains(notes, c.unreadable) || !strings.Contains(notes, "could not be read") {
			t.Errorf("%s: notes %q, want %s named as unreadable", c.file, notes, c.unreadable)
		}
		if len(r.GetStringSlice("photos")) != 0 {
			t.Errorf("%s: a broken picture was kept as a photo", c.file)
		}
	}
}

// Lines longer than SMTP's 998 characters are taken, as real mail servers
// take them (HTML mailers write whole paragraphs on one line).
func TestLongLinesAreAccepted(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	for i, n := range []int{2500, 120_000} {
		long := strings.Repeat("The hedge at the corner of Elm and Main hides the stop sign. ", n/61+1)
		from := []string{"hedge1@example.org", "hedge2@example.org"}[i]
		msg := "From: " + from + "\r\nTo: report@testville.example\r\nSubject: Hedge\r\nMessage-ID: <hedge" + from + ">\r\n\r\n" + long + "\r\n"
		if err := f.send(t, from, []string{"report@testville.example"}, []byte(msg)); err != nil {
			t.Fatalf("a %d-character line: %v", len(long), err)
		}
		if r := requestFrom(t, f.app, from); !strings.Contains(r.GetString("description"), "hides the stop sign") {
			t.Errorf("description %.80q", r.GetString("description"))
		}
	}
}

// Every refused message is recorded for the clerk with its sender, subject
// and reason.
func TestRefusalsAreRecorded(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{MaxMessageBytes: 64 << 10})
	var hops strings.Builder
	for range 31 {
		hops.WriteString("Received: from a.example.net by b.example.net; Mon, 3 Nov 2026 08:00:00 -0500\r\n")
	}
	big := string(bigMessage(100 << 10))
	for _, c := range []struct {
		from, subject, reason string
		rcpt, data            string
		code                  int
	}{
		{"loop@example.org", "Looping", "mail loop", "report@testville.example",
			hops.String() + "From: loop@example.org\r\nSubject: Looping\r\n\r\nround and round\r\n", 554},
		{"broken@example.org", "No parts", "could not be read", "report@testville.example",
			"From: broken@example.org\r\nSubject: No parts\r\nContent-Type: multipart/mixed\r\n\r\n--x\r\nbroken\r\n", 554},
		{"big@example.org", "Big", "too large", "report@testville.example", big, 552},
	} {
		if err := f.send(t, c.from, []string{c.rcpt}, []byte(c.data)); code(err) != c.code {
			t.Fatalf("%s: %v, want %d", c.from, err, c.code)
		}
		logs := records(t, f.app, "inbound_mail", dbx.HashExp{"return_path": c.from})
		if len(logs) != 1 || logs[0].GetString("outcome") != "refused" || logs[0].GetString("subject") != c.subject ||
			!strings.Contains(logs[0].GetString("reason"), c.reason) {
			t.Errorf("%s: logged %v", c.from, logs)
		}
	}
	if n := count(t, f.app, "requests"); n != 0 {
		t.Errorf("%d requests from refused messages", n)
	}
}

// An HTML-only email about a fallen tree fits no service well (a street
// name is not a pothole): it becomes a question for the clerk.
func TestNoGoodFitIsAQuestionForTheClerk(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	f.mustSend(t, "dana.whitfield@example.com", []string{"report@testville.example"}, eml(t, "html-tree-en.eml"))
	r := requestFrom(t, f.app, "dana.whitfield@example.com")
	if got := serviceCode(t, f.app, r); got != "general" {
		t.Errorf("filed under %s, want general (a question for the clerk)", got)
	}
	if !strings.Contains(r.GetString("description"), "The big maple in front of 31 Orchard Road came down") {
		t.Errorf("description %q", r.GetString("description"))
	}
}
