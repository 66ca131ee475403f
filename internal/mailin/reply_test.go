package mailin_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/mailin"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// replyAddr is request r's signed reply address.
func replyAddr(app core.App, r *core.Record) string {
	return notify.ReplyAddress(app, "testville.example", r.GetString("number"))
}

// comments are a request's public comments, oldest first.
func comments(t testing.TB, app core.App, r *core.Record) []*core.Record {
	t.Helper()
	return records(t, app, "request_updates", dbx.HashExp{"request": r.Id, "kind": "comment"})
}

// Replies in the styles of common mail clients, in English and Spanish,
// become the reporter's public comments with only the new words; an
// out-of-office reply is taken and set aside.
func TestCorpusRepliesBecomeComments(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	f.mustSend(t, "jane.miller@example.org", []string{"report@testville.example"}, eml(t, "plain-en.eml"))
	f.mustSend(t, "carmen.ruiz@example.es", []string{"report@testville.example"}, eml(t, "html-only-es.eml"))
	jane, carmen := requestFrom(t, f.app, "jane.miller@example.org"), requestFrom(t, f.app, "carmen.ruiz@example.es")
	cases := []struct {
		file, from string
		req        *core.Record
		want       string // the comment; "" for none
	}{
		{"reply-gmail-en.eml", "jane.miller@example.org", jane, "Thanks! One more thing: the light on the next pole (222) flickers too."},
		{"reply-outlook-es.eml", "carmen.ruiz@example.es", carmen, "Anoche la farola seguía apagada. ¿Saben cuándo vendrán?\n\nSaludos,\nCarmen"},
		{"reply-apple-es.eml", "carmen.ruiz@example.es", carmen, "Ya funciona. ¡Muchas gracias por arreglarla tan rápido!"},
		{"reply-thunderbird-en.eml", "jane.miller@example.org", jane, "It is working again tonight. Thank you!"},
		{"autoreply-en.eml", "jane.miller@example.org", jane, ""},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			before := len(comments(t, f.app, c.req))
			reply := replyAddr(f.app, c.req)
			f.mustSend(t, c.from, []string{reply}, eml(t, c.file, "{{REPLY}}", reply, "{{NUMBER}}", c.req.GetString("number")))
			got := comments(t, f.app, c.req)[before:]
			if c.want == "" {
				if len(got) > 0 {
					t.Fatalf("an automatic reply became a comment: %q", got[0].GetString("body"))
				}
				logs := records(t, f.app, "inbound_mail", dbx.HashExp{"outcome": "ignored", "reason": "automatic reply"})
				if len(logs) != 1 {
					t.Fatalf("%d ignored messages logged, want 1", len(logs))
				}
				return
			}
			if len(got) != 1 {
				t.Fatalf("%d new comments, want 1", len(got))
			}
			u := got[0]
			if u.GetString("body") != c.want || u.GetString("channel") != "email" || u.GetString("author") != "" ||
				u.GetString("author_name") != c.req.GetString("contact_name") {
				t.Errorf("comment %q by %q (%q) via %s; want %q by %q", u.GetString("body"), u.GetString("author_name"),
					u.GetString("author"), u.GetString("channel"), c.want, c.req.GetString("contact_name"))
			}
		})
	}
}

// A staff member answering a request email adds a public comment signed by
// their department, which reaches the reporter; the reporter's reply
// reaches the staff; anyone else is refused, and so is a forged address.
func TestReplyAuthors(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	f.mustSend(t, "jane.miller@example.org", []string{"report@testville.example"}, eml(t, "plain-en.eml"))
	req := requestFrom(t, f.app, "jane.miller@example.org")
	staff := newUser(t, f.app, "crew@testville.example", "staff", req.GetString("department"))
	reply := replyAddr(f.app, req)
	note := func(from, text string) []byte {
		return []byte("From: " + from + "\r\nTo: " + reply + "\r\nSubject: Re: request\r\nMessage-ID: <" + text[:8] + "@example>\r\n\r\n" + text + "\r\n")
	}

	f.mustSend(t, "crew@testville.example", []string{reply}, f.dns.sign(t, "testville.example", note("Crew <crew@testville.example>", "We will fix it on Tuesday.")))
	got := comments(t, f.app, req)
	dept, err := f.app.FindRecordById("departments", req.GetString("department"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].GetString("author") != staff.Id || got[0].GetString("author_name") != dept.GetString("name") || dept.GetString("name") == "" {
		t.Fatalf("staff comment: %v", got)
	}
	if m := mailTo(t, f.app, "jane.miller@example.org"); len(m) != 2 || !strings.Contains(m[1].GetString("text"), "We will fix it on Tuesday.") {
		t.Fatalf("the reporter did not hear of the staff comment: %v", m)
	}

	f.mustSend(t, "jane.miller@example.org", []string{reply}, note("jane.miller@example.org", "Thank you, that is quick."))
	if m := mailTo(t, f.app, "crew@testville.example"); len(m) != 1 || !strings.Contains(m[0].GetString("text"), "Thank you, that is quick.") {
		t.Fatalf("the staff did not hear of the reporter's reply: %v", m)
	}

	err = f.send(t, "tom@example.net", []string{reply}, note("Tom <tom@example.net>", "I saw it too, it is huge."))
	if code(err) != 550 || !strings.Contains(err.Error(), "report@testville.example") {
		t.Fatalf("a stranger's reply: %v, want 550 naming report@", err)
	}
	for _, bad := range []string{
		"request+" + req.GetString("number") + ".000000000000000000000000@testville.example",              // forged
		"request+" + req.GetString("number") + "@testville.example",                                       // no signature
		"request+2026-9999." + strings.Split(strings.Split(reply, ".")[1], "@")[0] + "@testville.example", // another number
	} {
		if err := f.send(t, "jane.miller@example.org", []string{bad}, note("jane.miller@example.org", "Forged or broken")); code(err) != 550 {
			t.Errorf("RCPT %s: %v, want 550", bad, err)
		}
	}
	if n := len(comments(t, f.app, req)); n != 2 {
		t.Fatalf("%d comments, want 2", n)
	}
}

// newUser is a verified account.
func newUser(t testing.TB, app core.App, email, role, dept string) *core.Record {
	t.Helper()
	return schematest.Create(t, app, "users", map[string]any{"email": email, "password": "long-enough-pw", "verified": true,
		"name": email, "language": "en", "role": role, "department": dept})
}
