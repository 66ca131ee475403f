package mailin

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Every fixture reads as its sender wrote it: charsets and transfer
// encodings undone, HTML turned into text, quoted history, signatures and
// "sent from my phone" lines gone, attachments found.
func TestParseCorpus(t *testing.T) {
	t.Parallel()
	cases := []struct {
		file, from, subject string
		text                string   // the whole text, when given
		has, hasNot         []string // parts of the text
		files               []string // attachment names, in order
		kind                kind
		lang                string
	}{
		{file: "plain-en.eml", from: "jane.miller@example.org", subject: "Street light out on Birch Lane",
			has: []string{"has been dark for three nights\nnow.", "Thank you for looking into it."}, hasNot: []string{"Jane Miller", "--"}, lang: "en"},
		{file: "question-en.eml", from: "tom.baker@example.net", subject: "When is the next council meeting?",
			has: []string{"summer program for kids.\n\nTom"}, hasNot: []string{"iPhone"}, lang: "en"},
		{file: "html-only-es.eml", from: "carmen.ruiz@example.es", subject: "Farola apagada en la calle Mayor",
			text: "Buenos días:\n\nLes escribo porque la farola de la esquina de la calle Mayor con la calle del Río está apagada desde el sábado. Por la noche no se ve nada y hay muchos niños que pasan por ahí.\n\nMuchas gracias,\n\nCarmen Ruiz", lang: "es"},
		{file: "alternative-en.eml", from: "sam.ortiz@example.com", subject: "My water bill doubled",
			text: "My water bill for October is twice what it usually is, and nothing has\nchanged at home. Could someone check the meter reading?\n\nSam", lang: "en"},
		{file: "attachments-en.eml", from: "lee.chen@example.org", subject: "Deep pothole outside 88 Quarry Road",
			has: []string{"A\ncar lost a hubcap"}, files: []string{"IMG_20261107_0812.jpg", "repaving-plan.pdf", "free-game.exe"}, lang: "en"},
		{file: "inline-image-en.eml", from: "pat.nguyen@example.com", subject: "Pothole at the school crossing",
			has: []string{"It fills with water when it rains."}, files: []string{"pothole.png", "logo.png"}, lang: "en"},
		{file: "latin1-es.eml", from: "jose.garcia@example.mx", subject: "No recogieron el reciclaje el miércoles",
			has: []string{"El miércoles dejé el contenedor", "¿Pueden pasar esta semana?", "José"}, lang: "es"},
		{file: "cp1252-en.eml", from: "m.okafor@example.co.uk", subject: "Snow plow knocked over my mailbox",
			has: []string{"5 Ridge Road – the post", "it’s the town’s job to fix “plow damage”", "about €50"}, lang: "en"},
		{file: "base64-es.eml", from: "lucia.fernandez@example.es", subject: "¿Necesito licencia para un cobertizo?",
			has: []string{"unos 15 m² en el jardín", "Lucía Fernández"}, lang: "es"},
		{file: "reply-gmail-en.eml", from: "jane.miller@example.org", subject: "Re: We received your request {{NUMBER}}",
			text: "Thanks! One more thing: the light on the next pole (222) flickers too.", lang: "en"},
		{file: "reply-outlook-es.eml", from: "carmen.ruiz@example.es", subject: "RE: Recibimos su solicitud {{NUMBER}}",
			text: "Anoche la farola seguía apagada. ¿Saben cuándo vendrán?\n\nSaludos,\nCarmen", lang: "es"},
		{file: "reply-apple-es.eml", from: "carmen.ruiz@example.es", subject: "Re: La solicitud {{NUMBER}} ha cambiado",
			text: "Ya funciona. ¡Muchas gracias por arreglarla tan rápido!", lang: "es"},
		{file: "reply-thunderbird-en.eml", from: "jane.miller@example.org", subject: "Re: Your request {{NUMBER}} has changed",
			text: "It is working again tonight. Thank you!", lang: "en"},
		{file: "forward-en.eml", from: "rosa.diaz@example.com", subject: "Fwd: dead tree by the pavilion",
			has: []string{"My neighbour asked me", "---------- Forwarded message", "The big oak next to the pavilion"}, hasNot: []string{"Rosa Diaz\n"}, lang: "en"},
		{file: "autoreply-en.eml", from: "jane.miller@example.org", kind: autoReply, lang: "en"},
		{file: "bounce.eml", from: "mailer-daemon@mx.example.net", kind: bounce, files: []string{"attachment-1.delivery-status", "attachment-2.rfc822-headers"}},
		{file: "list-en.eml", from: "news@lists.example.org", kind: automated, lang: "en"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			t.Parallel()
			m, err := Parse(readFixture(t, c.file))
			if err != nil {
				t.Fatal(err)
			}
			if m.From != c.from {
				t.Errorf("from %q, want %q", m.From, c.from)
			}
			if c.subject != "" && m.Subject != c.subject {
				t.Errorf("subject %q, want %q", m.Subject, c.subject)
			}
			if c.text != "" && m.Text != c.text {
				t.Errorf("text:\n%s\nwant:\n%s", m.Text, c.text)
			}
			for _, s := range c.has {
				if !strings.Contains(m.Text, s) {
					t.Errorf("text lacks %q:\n%s", s, m.Text)
				}
			}
			for _, s := range c.hasNot {
				if strings.Contains(m.Text, s) {
					t.Errorf("text has %q:\n%s", s, m.Text)
				}
			}
			var names []string
			for i, a := range m.Attachments {
				names = append(names, fileName(a, i))
			}
			if strings.Join(names, ",") != strings.Join(c.files, ",") {
				t.Errorf("attachments %v, want %v", names, c.files)
			}
			returnPath := m.From
			if c.kind == bounce {
				returnPath = ""
			}
			if k := classify(returnPath, m); k != c.kind {
				t.Errorf("kind %d, want %d", k, c.kind)
			}
			if c.lang != "" {
				if l := detectLanguage(m.Subject+"\n"+m.Text, []string{"en", "es"}, m.Language, "xx"); l != c.lang {
					t.Errorf("language %q, want %q", l, c.lang)
				}
			}
		})
	}
}
