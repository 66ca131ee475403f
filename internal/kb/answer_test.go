package kb_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/markdown"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// demoApp is a copy of the demo town: its help pages and services,
// indexed for search as on a first start.
func demoApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(townhalltest.SharedDemoDir(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	return app
}

// residentQuestions are questions as residents type them, typos and all,
// and the page that answers each.
var residentQuestions = []struct{ lang, q, slug string }{
	{"en", "when is trash pikup?", "trash-and-recycling-collection"},
	{"en", "what day is recyclng collected", "trash-and-recycling-collection"},
	{"en", "how do I get a dump sticker", "transfer-station-hours-and-stickers"},
	{"en", "transfer station hours on saturday?", "transfer-station-hours-and-stickers"},
	{"en", "when are property taxes due", "property-tax"},
	{"en", "how much is a dog lisence?", "dog-licences"},
	{"en", "do i need a permit to build a deck", "building-permits"},
	{"en", "how do I pay my water bil", "paying-your-water-bill"},
	{"en", "how do i registr to vote?", "registering-to-vote"},
	{"en", "where can I park during a snow storm", "snow-removal-and-winter-parking-bans"},
	{"en", "copy of my birth certificate", "birth-death-and-marriage-certificates"},
	{"en", "can I rent the pavilion for a party?", "reserving-the-pavilion-or-meeting-room"},
	{"en", "how to get rid of an old matress", "bulk-item-pickup"},
	{"en", "when does the select board meet?", "town-meetings-and-agendas"},
	{"en", "what are the clerks office hours", "contacting-the-town-clerk"},
	{"es", "cuando pasa la basura?", "recogida-de-basura-y-reciclaje"},
	{"es", "¿qué día recogen el reciclaje?", "recogida-de-basura-y-reciclaje"},
	{"es", "horario de la estacion de transferencia", "estacion-de-transferencia-horario-y-calcomanias"},
	{"es", "cuando vence el impuesto de la propiedad", "impuesto-sobre-la-propiedad"},
	{"es", "como pago la factura del agua", "pagar-la-factura-del-agua"},
	{"es", "necesito licencia para mi perro?", "licencias-para-perros"},
	{"es", "como me inscribo para votar", "inscribirse-para-votar"},
	{"es", "donde estaciono cuando nieva", "remocion-de-nieve-y-estacionamiento-en-invierno"},
	{"es", "copia del acta de nacimiento", "actas-de-nacimiento-defuncion-y-matrimonio"},
	{"es", "como reservo el pabellon?", "reservar-el-pabellon-o-la-sala-de-reuniones"},
	{"es", "quiero tirar un colchon viejo", "recogida-de-objetos-voluminosos"},
	{"es", "necesito licencia para construir una terraza?", "licencias-de-construccion"},
	{"es", "como abro el servicio de agua", "abrir-o-cerrar-el-servicio-de-agua"},
	{"es", "inscripcion de futbol para niños", "inscripcion-en-deportes-juveniles"},
	{"es", "horario de la secretaria municipal", "como-contactar-a-la-secretaria-municipal"},
}

// At least 80% of residents' questions, in English and Spanish with their
// typos, get the right page first.
func TestQuestionsFindTheirPage(t *testing.T) {
	app := demoApp(t)
	right := 0
	for _, c := range residentQuestions {
		a, ok, err := kb.FindAnswer(app, c.q, c.lang)
		if err != nil {
			t.Fatal(err)
		}
		if ok && strings.HasSuffix(a.Path, "/"+c.slug) {
			right++
			continue
		}
		t.Logf("%s %q → %q, want %s", c.lang, c.q, a.Path, c.slug)
	}
	share := float64(right) / float64(len(residentQuestions))
	t.Logf("right page first: %d of %d (%.0f%%)", right, len(residentQuestions), 100*share)
	if share < 0.8 {
		t.Fatalf("right page first for %.0f%% of the questions, want at least 80%%", 100*share)
	}
}

// An answer is quoted word for word from its page: the answer line, which
// is a sentence of the page's text, or the summary.
func TestAnswerIsQuotedFromThePage(t *testing.T) {
	app := demoApp(t)
	for _, c := range []struct{ lang, q string }{{"en", "when is trash picked up?"}, {"es", "¿cuándo pasa la basura?"}} {
		a, ok, err := kb.FindAnswer(app, c.q, c.lang)
		if err != nil || !ok {
			t.Fatalf("%q: no answer (%v)", c.q, err)
		}
		slug := a.Path[strings.LastIndexByte(a.Path, '/')+1:]
		page, err := app.FindFirstRecordByFilter("pages", "slug = {:s}", map[string]any{"s": slug})
		if err != nil {
			t.Fatal(err)
		}
		if a.Text != page.GetString("answer") || !strings.Contains(markdown.PlainText(page.GetString("body")), a.Text) {
			t.Fatalf("%q: answer %q is not the page's answer line found in its text", c.q, a.Text)
		}
	}
}
