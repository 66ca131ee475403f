package mailin

import (
	"strings"
	"testing"
	"time"
)

func TestStripQuotes(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, in, want string
		forward        bool
	}{
		{"Outlook desktop, English", "Fixed, thanks.\n\n-----Original Message-----\nFrom: Town <a@b>\nSent: Monday\nSubject: x\n\nold", "Fixed, thanks.", false},
		{"Outlook, Spanish header block", "Gracias.\n\nDe: Municipio <a@b>\nEnviado: lunes, 3 de noviembre\nPara: yo\nAsunto: x\n\nviejo", "Gracias.", false},
		{"Outlook on the web, bold labels", "Thanks\n\n________________________________\n*From:* Town <a@b>\n*Sent:* Monday\n\nold", "Thanks", false},
		{"Gmail, Spanish, wrapped", "Vale.\n\nEl lun, 3 nov 2026 a las 10:00, Municipio de Alder Creek (<\nrequest+2026-0001.abc@aldercreek.example>) escribió:\n\n> viejo", "Vale.", false},
		{"Yahoo", "Great.\n\nOn Monday, November 3, 2026, 10:00:00 AM EST, Town of Alder Creek <a@b> wrote:\n\nold text", "Great.", false},
		{"interleaved quotes keep the answers", "> Which pole?\nNumber 221.\n> Since when?\nSaturday.", "Number 221.\nSaturday.", false},
		{"a signature ends the text", "See you.\n-- \nJane\n555-0100", "See you.", false},
		{"a forward after the signature is kept", "FYI\n-- \nRosa\n\n---------- Mensaje reenviado ---------\nDe: Ana\n\nHay un árbol caído.", "FYI\n\n---------- Mensaje reenviado ---------\nDe: Ana\n\nHay un árbol caído.", false},
		{"Outlook forward (FW: subject) keeps the header block", "Please see below.\n\nFrom: Ann <a@b>\nSent: Monday\nSubject: tree\n\nA tree fell.", "Please see below.\n\nFrom: Ann <a@b>\nSent: Monday\nSubject: tree\n\nA tree fell.", true},
		{"Android line", "Ok\n\nGet Outlook for Android", "Ok", false},
		{"a 'From:' in the text is not a header block", "From: the corner of Elm and Main, the light is out.", "From: the corner of Elm and Main, the light is out.", false},
	}
	for _, c := range cases {
		if got := stripQuotes(c.in, c.forward); got != c.want {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

func TestHTMLToText(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, in, want string }{
		{"blocks, breaks, entities", "<p>Hello&nbsp;there,</p><p>line one<br>line&amp;two</p><div>end</div>", "Hello there,\n\nline one\nline&two\n\nend"},
		{"lists", "<ul><li>one</li><li> two </li></ul>", "- one\n- two"},
		{"scripts and styles vanish", "<head><style>p{}</style><title>T</title></head><script>alert(1)</script><p>Hi</p>", "Hi"},
		{"inline spacing", "Deep <b>hole</b> on <i>Elm</i>\n  Street", "Deep hole on Elm Street"},
		{"blockquote becomes quoted lines", "Yes<blockquote><p>Old</p><blockquote>older</blockquote></blockquote>", "Yes\n>\n> Old\n>\n> > older"},
		{"signature block", `Thanks<div class="gmail_signature">Jane<br>555</div>`, "Thanks\n\n--\nJane\n555"},
		{"pre keeps its lines", "<pre>a  b\nc</pre>", "a  b\nc"},
	}
	for _, c := range cases {
		if got := htmlToText(c.in); got != c.want {
			t.Errorf("%s:\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	t.Parallel()
	offered := []string{"en", "es"}
	cases := []struct{ text, hint, want string }{
		{"The light on the corner is out, please fix it.", "", "en"},
		{"La farola de la esquina está apagada, por favor.", "", "es"},
		{"Hola", "", "en"},       // too little to tell: the default
		{"Bache", "es-MX", "es"}, // the header decides
		{"Bonjour, la rue est sombre et il y a un trou dans la rue.", "", "en"}, // French is not offered
	}
	for _, c := range cases {
		if got := detectLanguage(c.text, offered, c.hint, "en"); got != c.want {
			t.Errorf("%q (hint %q) = %s, want %s", c.text, c.hint, got, c.want)
		}
	}
}

// FuzzParse: no message, however broken, makes Parse panic or hang.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"plain-en.eml", "attachments-en.eml", "reply-outlook-es.eml", "bounce.eml", "inline-image-en.eml"} {
		f.Add(readFixture(f, name))
	}
	f.Add([]byte("Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		done := make(chan struct{})
		go func() {
			defer close(done)
			m, err := Parse(raw)
			if err == nil && strings.ContainsRune(m.Subject, '\n') {
				t.Errorf("subject spans lines: %q", m.Subject)
			}
		}()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatalf("Parse hangs on %q", raw)
		}
	})
}
