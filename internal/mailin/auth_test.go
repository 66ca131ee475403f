package mailin_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/mailin"
)

// letter is a new request from "Name <from>" to report@, with extra header
// lines (each ending in CRLF) at the top.
func letter(from, name, subject, extra string) []byte {
	return []byte(extra + "From: " + name + " <" + from + ">\r\nTo: report@testville.example\r\nSubject: " + subject +
		"\r\nDate: Mon, 3 Nov 2026 08:00:00 -0500\r\nMessage-ID: <" + strings.ReplaceAll(subject, " ", ".") + "@mail.example>\r\n" +
		"Content-Type: text/plain; charset=utf-8\r\n\r\nThe street light on Elm Street is out again tonight.\r\n")
}

// sent is what became of a request sent from from: whether it was filed
// under account, acknowledged to returnPath, its log reason, staff notes.
type sent struct {
	linked, acked bool
	reason        string
	notes         []string
}

func outcomeOf(t testing.TB, f *fixture, from, returnPath string, account *core.Record) sent {
	t.Helper()
	r := requestFrom(t, f.app, from)
	s := sent{linked: r.GetString("reporter") == account.Id, acked: len(mailTo(t, f.app, returnPath)) == 1}
	if !s.linked && (r.GetString("reporter") != "" || r.GetString("contact_email") != from) {
		t.Errorf("not linked, yet reporter %q, contact %q", r.GetString("reporter"), r.GetString("contact_email"))
	}
	logs := records(t, f.app, "inbound_mail", dbx.HashExp{"sender": from})
	s.reason = logs[0].GetString("reason")
	for _, n := range records(t, f.app, "request_updates", dbx.HashExp{"request": r.Id, "kind": "note"}) {
		s.notes = append(s.notes, n.GetString("body"))
	}
	return s
}

// Townhall listening on port 25 itself checks who sent a message: only a
// DKIM signature or an SPF pass of the From domain (DMARC alignment) files
// it under the account with that address; a domain whose DMARC record the
// message fails gets no acknowledgement; anything in between is filed with
// the address as its contact and acknowledged to the return path. Each case
// has its own domain and resident account.
func TestSenderChecks(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	cases := []struct {
		name string
		// prepare publishes DNS records for the domain d and returns the
		// message to send, and the return path ("" for the sender).
		prepare       func(t *testing.T, d, from string) ([]byte, string)
		linked, acked bool
		reason, note  string // parts of the log's reason and of a staff note ("" for none)
	}{
		{"aligned DKIM signature", func(t *testing.T, d, from string) ([]byte, string) {
			return f.dns.sign(t, d, letter(from, "Alice", "aligned dkim", "")), ""
		}, true, true, "sender verified: dkim=pass header.d=", ""},

		{"DKIM signature of a subdomain (relaxed alignment)", func(t *testing.T, d, from string) ([]byte, string) {
			return f.dns.sign(t, "mail."+d, letter(from, "Alice", "relaxed dkim", "")), ""
		}, true, true, "sender verified: dkim=pass header.d=mail.", ""},

		{"subdomain signature when the domain asks for strict alignment", func(t *testing.T, d, from string) ([]byte, string) {
			f.dns.setTXT("_dmarc."+d, "v=DMARC1; p=none; adkim=s")
			return f.dns.sign(t, "mail."+d, letter(from, "Alice", "strict dkim", "")), ""
		}, false, false, "sender failed DMARC", "probably forged"},

		{"forged From: no signature, DMARC p=reject", func(t *testing.T, d, from string) ([]byte, string) {
			f.dns.setTXT("_dmarc."+d, "v=DMARC1; p=reject; rua=mailto:dmarc@"+d)
			return letter(from, "Alice", "forged", ""), "mallory@attacker.example"
		}, false, false, "sender failed DMARC, likely forged: dkim=none; spf=none smtp.mailfrom=attacker.example; dmarc record p=reject", "probably forged"},

		{"no signature, no DMARC record", func(t *testing.T, d, from string) ([]byte, string) {
			return letter(from, "Alice", "unsigned", ""), ""
		}, false, true, "sender not verified: dkim=none; spf=none smtp.mailfrom=", "could not confirm"},

		{"DKIM signature of another domain", func(t *testing.T, d, from string) ([]byte, string) {
			return f.dns.sign(t, "bulkmailer.example", letter(from, "Alice", "other domain", "")), ""
		}, false, true, "sender not verified: dkim=pass header.d=bulkmailer.example", "could not confirm"},

		{"DKIM signature of another domain, DMARC p=none", func(t *testing.T, d, from string) ([]byte, string) {
			f.dns.setTXT("_dmarc."+d, "v=DMARC1; p=none")
			return f.dns.sign(t, "bulkmailer.example", letter(from, "Alice", "other domain dmarc", "")), ""
		}, false, false, "sender failed DMARC", "probably forged"},

		{"body changed after signing", func(t *testing.T, d, from string) ([]byte, string) {
			msg := f.dns.sign(t, d, letter(from, "Alice", "tampered", ""))
			return bytes.Replace(msg, []byte("Elm Street"), []byte("Oak Street"), 1), ""
		}, false, true, "sender not verified: dkim=fail header.d=", "could not confirm"},

		{"a second From above a signed one", func(t *testing.T, d, from string) ([]byte, string) {
			// Mallory, a customer of the same provider, has her own message
			// signed, then puts the victim's address on top: mail clients
			// show the first From, the signature covers the last.
			signed := f.dns.sign(t, d, letter("mallory@"+d, "Mallory", "two froms", ""))
			return append([]byte("From: Alice <"+from+">\r\n"), signed...), "mallory@" + d
		}, false, true, "no single From address", "could not confirm"},

		{"SPF pass for the client and an aligned MAIL FROM", func(t *testing.T, d, from string) ([]byte, string) {
			f.dns.setTXT(d, "v=spf1 ip4:127.0.0.1 -all")
			return letter(from, "Alice", "spf pass", ""), ""
		}, true, true, "sender verified: dkim=none; spf=pass smtp.mailfrom=", ""},

		{"SPF pass for a MAIL FROM of another domain", func(t *testing.T, d, from string) ([]byte, string) {
			f.dns.setTXT("bounces.example", "v=spf1 ip4:127.0.0.1 -all")
			return letter(from, "Alice", "spf other", ""), "b-123@bounces.example"
		}, false, true, "spf=pass smtp.mailfrom=bounces.example", "could not confirm"},

		{"SPF fail", func(t *testing.T, d, from string) ([]byte, string) {
			f.dns.setTXT(d, "v=spf1 ip4:192.0.2.1 -all")
			return letter(from, "Alice", "spf fail", ""), ""
		}, false, true, "spf=fail", "could not confirm"},

		{"Authentication-Results from an untrusted client", func(t *testing.T, d, from string) ([]byte, string) {
			return letter(from, "Alice", "fake results", "Authentication-Results: mx.testville.example; dkim=pass header.d="+d+
				"; spf=pass smtp.mailfrom="+from+"; dmarc=pass header.from="+d+"\r\n"), ""
		}, false, true, "sender not verified", "could not confirm"},

		{"an untrusted client's dmarc=fail does not outweigh a valid signature", func(t *testing.T, d, from string) ([]byte, string) {
			return f.dns.sign(t, d, letter(from, "Alice", "fake fail", "Authentication-Results: mx.example; dmarc=fail header.from="+d+"\r\n")), ""
		}, true, true, "sender verified", ""},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := fmt.Sprintf("town%d.example", i)
			from := "alice@" + d
			alice := newUser(t, f.app, from, "resident", "")
			msg, returnPath := c.prepare(t, d, from)
			if returnPath == "" {
				returnPath = from
			}
			f.mustSend(t, returnPath, []string{"report@testville.example"}, msg)
			got := outcomeOf(t, f, from, returnPath, alice)
			if got.linked != c.linked || got.acked != c.acked {
				t.Errorf("linked %v, acknowledged %v; want %v, %v (%s)", got.linked, got.acked, c.linked, c.acked, got.reason)
			}
			if !strings.Contains(got.reason, c.reason) {
				t.Errorf("log reason %q, want %q in it", got.reason, c.reason)
			}
			// The staff notes about the sender; others ask for the form's
			// questions.
			var about []string
			for _, n := range got.notes {
				if strings.Contains(n, "could not confirm") || strings.Contains(n, "probably forged") {
					about = append(about, n)
				}
			}
			if (c.note == "" && len(about) > 0) || (c.note != "" && !slices.ContainsFunc(about, func(n string) bool { return strings.Contains(n, c.note) })) {
				t.Errorf("staff notes about the sender %q, want one with %q", about, c.note)
			}
		})
	}
}

// Behind the town's own mail server (a trusted client), its
// Authentication-Results headers decide, with Townhall's own DKIM check;
// SPF is not checked, since the client's address is the relay's. Headers
// with another authserv-id than the topmost one came with the message.
func TestTrustedRelayResults(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{Trusted: []string{"127.0.0.1"}})
	ar := func(results string) string {
		return "Authentication-Results: mx.testville.example; " + results + "\r\n"
	}
	cases := []struct {
		name          string
		prepare       func(t *testing.T, d, from string) []byte
		linked, acked bool
		reason        string
	}{
		{"relay says dmarc=pass", func(t *testing.T, d, from string) []byte {
			return letter(from, "Bob", "relay dmarc pass", ar("dkim=pass header.d=bulkmailer.example; dmarc=pass header.from="+d))
		}, true, true, "sender verified: dkim=none; dmarc record=none; relay mx.testville.example said dkim=pass (bulkmailer.example) dmarc=pass ("},

		{"relay says spf=pass for an aligned MAIL FROM", func(t *testing.T, d, from string) []byte {
			return letter(from, "Bob", "relay spf pass", ar("spf=pass smtp.mailfrom="+from))
		}, true, true, "sender verified"},

		{"relay says dkim=pass for another domain", func(t *testing.T, d, from string) []byte {
			return letter(from, "Bob", "relay other dkim", ar("dkim=pass header.i=@bulkmailer.example"))
		}, false, true, "sender not verified"},

		{"relay says dmarc=fail", func(t *testing.T, d, from string) []byte {
			return letter(from, "Bob", "relay dmarc fail", ar("spf=fail smtp.mailfrom="+from+"; dmarc=fail (p=reject) header.from="+d))
		}, false, false, "sender failed DMARC"},

		{"a pass further down, from another authserv-id", func(t *testing.T, d, from string) []byte {
			return letter(from, "Bob", "relay buried", ar("spf=none smtp.mailfrom="+from)+
				"Received: from attacker.example by mx.testville.example\r\n"+
				"Authentication-Results: mx.attacker.example; dmarc=pass header.from="+d+"\r\n")
		}, false, true, "sender not verified"},

		{"no results, but SPF would pass for the relay's address", func(t *testing.T, d, from string) []byte {
			f.dns.setTXT(d, "v=spf1 ip4:127.0.0.1 -all")
			return letter(from, "Bob", "relay spf unchecked", "")
		}, false, true, "sender not verified: dkim=none; dmarc record=none; relay said nothing"},

		{"no results, but a valid DKIM signature", func(t *testing.T, d, from string) []byte {
			return f.dns.sign(t, d, letter(from, "Bob", "relay dkim", ""))
		}, true, true, "sender verified: dkim=pass"},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := fmt.Sprintf("relay%d.example", i)
			from := "bob@" + d
			bob := newUser(t, f.app, from, "resident", "")
			f.mustSend(t, from, []string{"report@testville.example"}, c.prepare(t, d, from))
			got := outcomeOf(t, f, from, from, bob)
			if got.linked != c.linked || got.acked != c.acked || !strings.Contains(got.reason, c.reason) {
				t.Errorf("linked %v, acknowledged %v, reason %q; want %v, %v, %q", got.linked, got.acked, got.reason, c.linked, c.acked, c.reason)
			}
		})
	}
}

// With the checks turned off, Townhall looks nothing up: only a trusted
// relay's results verify a sender.
func TestSenderChecksOff(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{NoSenderChecks: true, Trusted: []string{"127.0.0.1"}})
	carol := newUser(t, f.app, "carol@off.example", "resident", "")
	f.mustSend(t, "carol@off.example", []string{"report@testville.example"}, f.dns.sign(t, "off.example", letter("carol@off.example", "Carol", "off signed", "")))
	if got := outcomeOf(t, f, "carol@off.example", "carol@off.example", carol); got.linked || !strings.Contains(got.reason, "no DNS checks") {
		t.Errorf("signed, checks off: linked %v, reason %q", got.linked, got.reason)
	}
	if n := f.dns.lookups(); n != 0 {
		t.Errorf("%d DNS look-ups with the checks off", n)
	}
	dave := newUser(t, f.app, "dave@off.example", "resident", "")
	f.mustSend(t, "dave@off.example", []string{"report@testville.example"},
		letter("dave@off.example", "Dave", "off relay", "Authentication-Results: mx.testville.example; dmarc=pass header.from=off.example\r\n"))
	if got := outcomeOf(t, f, "dave@off.example", "dave@off.example", dave); !got.linked {
		t.Errorf("relay's dmarc=pass, checks off: not linked (%s)", got.reason)
	}
}

// A DNS server that does not answer leaves the sender unverified, never
// failed: the message gets its 250 within the time limit, is stored and
// acknowledged, and is not filed under the account.
func TestSenderChecksTimeOut(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{AuthTimeout: 300 * time.Millisecond})
	cases := []struct {
		name  string
		stall func(d string) // names that never answer
	}{
		{"every look-up", func(d string) { f.dns.stall("town._domainkey."+d, "_dmarc."+d, d) }},
		{"the key, with a DMARC record p=reject", func(d string) {
			f.dns.setTXT("_dmarc."+d, "v=DMARC1; p=reject")
			f.dns.stall("town._domainkey." + d)
		}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := fmt.Sprintf("slow%d.example", i)
			from := "erin@" + d
			erin := newUser(t, f.app, from, "resident", "")
			msg := f.dns.sign(t, d, letter(from, "Erin", "slow dns", ""))
			c.stall(d)
			start := time.Now()
			f.mustSend(t, from, []string{"report@testville.example"}, msg)
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("the 250 took %v with a 300ms limit on look-ups", took)
			}
			got := outcomeOf(t, f, from, from, erin)
			if got.linked || !got.acked || !strings.Contains(got.reason, "sender not verified: dkim=temperror") {
				t.Errorf("linked %v, acknowledged %v, reason %q; want unverified, acknowledged", got.linked, got.acked, got.reason)
			}
		})
	}
}

// A reply to a request's signed address speaks for an account only when
// its sender is verified: the reporter's unverified reply is kept as a
// comment under the name in the email, linked to no account; a staff
// member's is refused; a DMARC failure is refused.
func TestRepliesFromVerifiedSenders(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	rita := newUser(t, f.app, "rita@replies.example", "resident", "")
	f.mustSend(t, "rita@replies.example", []string{"report@testville.example"},
		f.dns.sign(t, "replies.example", letter("rita@replies.example", "Rita", "reply start", "")))
	req := requestFrom(t, f.app, "rita@replies.example")
	if req.GetString("reporter") != rita.Id {
		t.Fatalf("the signed request is not Rita's")
	}
	staff := newUser(t, f.app, "inspector@testville.example", "staff", req.GetString("department"))
	reply := replyAddr(f.app, req)
	n := 0
	note := func(from, name, text string) []byte {
		n++
		return []byte(fmt.Sprintf("From: %s <%s>\r\nTo: %s\r\nSubject: Re: request\r\nMessage-ID: <reply%d@example>\r\n\r\n%s\r\n", name, from, reply, n, text))
	}
	last := func() *core.Record {
		t.Helper()
		c := comments(t, f.app, req)
		if len(c) == 0 {
			t.Fatal("no comments")
		}
		return c[len(c)-1]
	}

	f.mustSend(t, "rita@replies.example", []string{reply}, note("rita@replies.example", "Rita Ruiz", "Forged or not, it is still dark."))
	if c := last(); c.GetString("author") != "" || c.GetString("author_name") != "Rita Ruiz" || c.GetString("body") != "Forged or not, it is still dark." {
		t.Errorf("unverified reply as the reporter: author %q, name %q, body %q; want no account, the email's name",
			c.GetString("author"), c.GetString("author_name"), c.GetString("body"))
	}
	if logs := records(t, f.app, "inbound_mail", dbx.HashExp{"outcome": "comment"}); len(logs) != 1 || !strings.Contains(logs[0].GetString("reason"), "sender not verified") {
		t.Errorf("comment log: %v", logs)
	}

	f.mustSend(t, "rita@replies.example", []string{reply}, f.dns.sign(t, "replies.example", note("rita@replies.example", "Rita Ruiz", "Signed: thanks.")))
	if c := last(); c.GetString("author") != rita.Id {
		t.Errorf("signed reply by the reporter: author %q, want %s", c.GetString("author"), rita.Id)
	}

	err := f.send(t, "inspector@testville.example", []string{reply}, note("inspector@testville.example", "Inspector", "Unsigned: fixed."))
	if code(err) != 550 || !strings.Contains(err.Error(), "could not confirm that this reply was sent from inspector@testville.example") {
		t.Errorf("unverified staff reply: %v, want 550 saying it could not be confirmed", err)
	}
	f.mustSend(t, "inspector@testville.example", []string{reply}, f.dns.sign(t, "testville.example", note("inspector@testville.example", "Inspector", "Signed: fixed.")))
	if c := last(); c.GetString("author") != staff.Id || c.GetString("body") != "Signed: fixed." {
		t.Errorf("signed staff reply: author %q, body %q", c.GetString("author"), c.GetString("body"))
	}

	f.dns.setTXT("_dmarc.replies.example", "v=DMARC1; p=quarantine")
	if err := f.send(t, "rita@replies.example", []string{reply}, note("rita@replies.example", "Rita Ruiz", "DMARC says no.")); code(err) != 550 {
		t.Errorf("reply failing DMARC: %v, want 550", err)
	}
	if got := len(comments(t, f.app, req)); got != 3 {
		t.Errorf("%d comments, want 3", got)
	}
}
