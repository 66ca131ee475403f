package outbox

import (
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"strings"
	"testing"
)

func TestMessageArrivesWhole(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t)
	app := newApp(t, srv)
	m := Message{
		To: "maria@example.org", ToName: "María Núñez",
		Subject: "Su solicitud está en revisión: señal de tráfico",
		Text:    "Hola María,\nsu solicitud nº 42 está en revisión.",
		HTML:    "<p>Hola María,</p><p>su solicitud nº 42 está en revisión.</p>",
		Headers: map[string]string{
			"Reply-To":         "obras@villa.example",
			"List-Unsubscribe": "<https://villa.example/baja/abc>",
		},
		DedupeKey: "request/42/review/maria@example.org", Kind: "request_status", Language: "es",
	}
	if ok, err := Queue(app, m); err != nil || !ok {
		t.Fatalf("Queue = %v, %v", ok, err)
	}
	runOnce(t, Register(app, Options{}), 1)
	got := srv.received()[0]

	if len(got.rcpt) != 1 || got.rcpt[0] != m.To {
		t.Errorf("envelope recipients %q, want [%s]", got.rcpt, m.To)
	}
	raw := got.Header.Get("Subject")
	if !strings.HasPrefix(strings.ToLower(raw), "=?utf-8?") {
		t.Errorf("subject is not an encoded-word: %q", raw)
	}
	if s, err := new(mime.WordDecoder).DecodeHeader(raw); err != nil || s != m.Subject {
		t.Errorf("subject decodes to %q (%v), want %q", s, err, m.Subject)
	}
	if to, err := got.Header.AddressList("To"); err != nil || to[0].Name != m.ToName || to[0].Address != m.To {
		t.Errorf("To header %q (%v)", got.Header.Get("To"), err)
	}
	for k, v := range m.Headers {
		if got.Header.Get(k) != v {
			t.Errorf("header %s = %q, want %q", k, got.Header.Get(k), v)
		}
	}
	if id := got.Header.Get("Message-Id"); id != messageID(m.DedupeKey, sender) || !strings.HasSuffix(id, "@villa.example>") {
		t.Errorf("Message-ID %q, want %q", id, messageID(m.DedupeKey, sender))
	}
	parts := alternatives(t, got.Message)
	if !sameText(parts["text/plain"], m.Text) || !sameText(parts["text/html"], m.HTML) {
		t.Errorf("parts = %q", parts)
	}
}

// alternatives finds the multipart/alternative part (PocketBase's mailer
// wraps it in multipart/mixed) and returns its decoded bodies by type.
func alternatives(t *testing.T, m *mail.Message) map[string]string {
	t.Helper()
	typ, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil || !strings.HasPrefix(typ, "multipart/") {
		t.Fatalf("Content-Type %q (%v)", m.Header.Get("Content-Type"), err)
	}
	found := map[string]string{}
	walk(t, multipart.NewReader(m.Body, params["boundary"]), false, found)
	return found
}

func walk(t *testing.T, r *multipart.Reader, inAlternative bool, found map[string]string) {
	for {
		p, err := r.NextPart() // undoes quoted-printable
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		typ, params, err := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case typ == "multipart/alternative":
			walk(t, multipart.NewReader(p, params["boundary"]), true, found)
		case inAlternative:
			body, err := io.ReadAll(p)
			if err != nil {
				t.Fatal(err)
			}
			found[typ] = string(body)
			if params["charset"] != "UTF-8" {
				t.Errorf("%s charset %q", typ, params["charset"])
			}
		}
	}
}

// sameText compares bodies whose line ends SMTP turned into CRLF.
func sameText(got, want string) bool {
	return strings.TrimSpace(strings.ReplaceAll(got, "\r\n", "\n")) == want
}

// A message with an .ics is stored with its file and arrives with it, as a
// text/calendar attachment next to the text and HTML parts.
func TestAttachmentArrives(t *testing.T) {
	t.Parallel()
	srv := startSMTP(t)
	app := newApp(t, srv)
	ics := "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\nEND:VCALENDAR\r\n"
	m := Message{To: "maria@example.org", Subject: "Su reserva", Text: "Hola", DedupeKey: "reservation:1:approved", Kind: "booking.approved", Language: "es"}
	if ok, err := QueueWithAttachments(app, m, []Attachment{NewAttachment("reservation.ics", "text/calendar", []byte(ics))}); err != nil || !ok {
		t.Fatalf("queue: %v %v", ok, err)
	}
	if ok, err := QueueWithAttachments(app, m, []Attachment{NewAttachment("reservation.ics", "text/calendar", []byte(ics))}); err != nil || ok {
		t.Fatalf("the same dedupe key was queued twice: %v %v", ok, err)
	}
	if _, err := QueueWithAttachments(app, Message{To: "a@example.org", Subject: "x", Text: "x", DedupeKey: "k2"},
		[]Attachment{NewAttachment("../evil\r\n.ics", "text/calendar", nil)}); err == nil {
		t.Error("a file name with a path and a line break was accepted")
	}
	runOnce(t, Register(app, Options{}), 1)
	got := srv.received()[0]
	typ, params, err := mime.ParseMediaType(got.Header.Get("Content-Type"))
	if err != nil || typ != "multipart/mixed" {
		t.Fatalf("Content-Type %q", got.Header.Get("Content-Type"))
	}
	r := multipart.NewReader(got.Body, params["boundary"])
	found := false
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ct := p.Header.Get("Content-Type")
		if !strings.HasPrefix(ct, "text/calendar") {
			continue
		}
		found = true
		body, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		if p.Header.Get("Content-Transfer-Encoding") == "base64" {
			if body, err = base64.StdEncoding.DecodeString(strings.ReplaceAll(string(body), "\r\n", "")); err != nil {
				t.Fatal(err)
			}
		}
		if string(body) != ics || !strings.Contains(p.Header.Get("Content-Disposition"), "reservation.ics") {
			t.Errorf("attachment %q, disposition %q:\n%q", ct, p.Header.Get("Content-Disposition"), body)
		}
	}
	if !found {
		t.Error("no text/calendar part")
	}
}
