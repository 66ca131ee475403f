package search_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/search"
)

// newApp is a real database with the schema and an empty index.
func newApp(t testing.TB) *tests.TestApp { return schematest.NewApp(t, t.TempDir()) }

// fixture is a few help pages in English and Spanish, as the knowledge base
// indexes them: tags go in Extra, the body's plain text in Text.
var fixture = []search.Entry{
	{Ref: "trash", Lang: "en", Path: "/en/help/waste/trash", Title: "Trash collection",
		Summary: "Weekly curbside trash pickup.", Extra: "garbage",
		Text: "Trash is picked up every week. Do not put recyclables in the trash: recycling saves money."},
	{Ref: "bulk", Lang: "en", Path: "/en/help/waste/bulk", Title: "Bulk item pickup",
		Summary: "Furniture and appliances.",
		Text:    "Sofas, mattresses and fridges are collected on request. A café table counts as one item."},
	{Ref: "recycling", Lang: "en", Path: "/en/help/waste/recycling", Title: "Recycling collection",
		Summary: "What goes in the blue bin and when it is collected.", Extra: "recycle bins",
		Text: "Put clean paper, cardboard, cans and plastic bottles in the blue bin. Recycling is collected every other week."},
	{Ref: "dog", Lang: "en", Path: "/en/help/permits/dog", Title: "Dog licences",
		Summary: "License your dog every year.", Extra: "pets",
		Text: "Every dog over six months old needs a licence. Bring proof of rabies vaccination."},
	{Ref: "reciclaje", Lang: "es", Path: "/es/help/waste/reciclaje", Title: "Recogida de reciclaje",
		Summary: "Qué va en el contenedor azul.",
		Text:    "Ponga papel, cartón, latas y botellas de plástico limpias en el contenedor azul. Se recoge cada dos semanas."},
	{Ref: "basura", Lang: "es", Path: "/es/help/waste/basura", Title: "Recogida de basura",
		Summary: "La basura se recoge cada semana.",
		Text:    "No tire a la basura lo que se puede reciclar: reciclar ahorra dinero al municipio."},
	{Ref: "construccion", Lang: "es", Path: "/es/help/permits/construccion", Title: "Licencias de construcción",
		Summary: "Permisos para obras y ampliaciones.",
		Text:    "Para construir un cobertizo o ampliar la casa necesita una licencia de construcción."},
}

// fixtureApp is newApp with the fixture indexed as pages.
func fixtureApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app := newApp(t)
	for _, e := range fixture {
		e.Kind = "page"
		if err := search.Put(app.DB(), e); err != nil {
			t.Fatal(err)
		}
	}
	return app
}
