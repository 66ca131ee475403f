package outbox

import (
	"encoding/base64"
	"io"
	"mime"
	"mime/multipart"
	"strings"
	"testing"
)

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
			body, _ = base64.StdEncoding.DecodeString(strings.ReplaceAll(string(body), "\r\n", ""))
		}
		if string(body) != ics || !strings.Contains(p.Header.Get("Content-Disposition"), "reservation.ics") {
			t.Errorf("attachment %q, disposition %q:\n%q", ct, p.Header.Get("Content-Disposition"), body)
		}
	}
	if !found {
		t.Error("no text/calendar part")
	}
}
