package mailin_test

import (
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/mailin"
)

// RFC 3834: automatic mail is never answered, and a sender gets at most
// one acknowledgement every few minutes, however many requests they send.
func TestAcknowledgementRules(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	message := func(from, subject, extra string) []byte {
		return []byte("From: " + from + "\r\nTo: report@testville.example\r\nSubject: " + subject + "\r\nMessage-ID: <" +
			subject + "@example.org>\r\n" + extra + "\r\nThe street light on Elm Street is out again tonight.\r\n")
	}
	cases := []struct {
		name, from, returnPath, extra string
		acks                          int // acknowledgements to the sender so far
	}{
		{"a person", "kim@example.org", "kim@example.org", "", 1},
		{"the same person again at once", "kim@example.org", "kim@example.org", "", 1},
		{"a program (Auto-Submitted)", "alarm@example.org", "alarm@example.org", "Auto-Submitted: auto-generated\r\n", 0},
		{"bulk mail", "offers@example.org", "offers@example.org", "Precedence: bulk\r\n", 0},
		{"a no-reply sender", "no-reply@example.org", "no-reply@example.org", "", 0},
		{"a failed DMARC check (forged From)", "mayor@strict.example", "mayor@strict.example", "", 0},
	}
	f.dns.setTXT("_dmarc.strict.example", "v=DMARC1; p=reject")
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f.mustSend(t, c.returnPath, []string{"report@testville.example"}, message(c.from, "case"+string(rune('a'+i)), c.extra))
			if n := len(records(t, f.app, "inbound_mail", nil)); n != i+1 {
				t.Fatalf("%d messages logged, want %d", n, i+1)
			}
			if n := len(mailTo(t, f.app, c.returnPath)); n != c.acks {
				t.Fatalf("%d acknowledgements, want %d", n, c.acks)
			}
		})
	}
	if n := count(t, f.app, "requests"); n != len(cases) {
		t.Fatalf("%d requests, want %d", n, len(cases))
	}
}

// An email that reads like a question gets, at the top of its
// acknowledgement, the help pages' answer word for word, as a text or the
// Ask page would; an email about a problem does not. It runs on the demo
// town on purpose, for its help pages and their answers.
func TestQuestionEmailGetsTheAnswerFirst(t *testing.T) {
	t.Parallel()
	f := newDemoFixture(t, mailin.Config{})
	page, err := f.app.FindFirstRecordByFilter("pages", "slug = 'trash-and-recycling-collection'")
	if err != nil {
		t.Fatal(err)
	}
	send := func(from, subject, body string) string {
		f.mustSend(t, from, []string{"report@aldercreek.example"}, []byte("From: "+from+
			"\r\nTo: report@aldercreek.example\r\nSubject: "+subject+"\r\nMessage-ID: <"+from+">\r\n\r\n"+body+"\r\n"))
		acks := mailTo(t, f.app, from)
		if len(acks) != 1 {
			t.Fatalf("%d acknowledgements to %s", len(acks), from)
		}
		return acks[0].GetString("text")
	}
	text := send("ana@example.org", "When is trash picked up?", "I just moved to Orchard Road.")
	answer := page.GetString("answer")
	at := strings.Index(text, answer)
	if answer == "" || at < 0 || at > strings.Index(text, "2026-") {
		t.Fatalf("the answer %q is not at the top of:\n%s", answer, text)
	}
	if other := send("ben@example.org", "Street light out", "The street light on Elm Street is out again."); strings.Contains(other, answer) {
		t.Fatalf("a problem report got an answer:\n%s", other)
	}
}
