package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

func TestRootRedirectsByPreference(t *testing.T) {
	f := demo(t)
	scenarios := []tests.ApiScenario{
		{Name: "Accept-Language es", Method: "GET", URL: "/", Headers: map[string]string{"Accept-Language": "es-MX,es;q=0.9,en;q=0.5"},
			ExpectedStatus: 302, ExpectedContent: nil, TestAppFactory: f,
			AfterTestFunc: wantLocation("/es/")},
		{Name: "Accept-Language fr falls back to default", Method: "GET", URL: "/", Headers: map[string]string{"Accept-Language": "fr"},
			ExpectedStatus: 302, TestAppFactory: f, AfterTestFunc: wantLocation("/en/")},
		{Name: "cookie beats Accept-Language", Method: "GET", URL: "/",
			Headers:        map[string]string{"Accept-Language": "es", "Cookie": "th_lang=en"},
			ExpectedStatus: 302, TestAppFactory: f, AfterTestFunc: wantLocation("/en/")},
		{Name: "unknown cookie language is ignored", Method: "GET", URL: "/",
			Headers:        map[string]string{"Accept-Language": "es", "Cookie": "th_lang=zz"},
			ExpectedStatus: 302, TestAppFactory: f, AfterTestFunc: wantLocation("/es/")},
		{Name: "saved preference beats cookie", Method: "GET", URL: "/", TestAppFactory: f, ExpectedStatus: 302,
			Headers:       map[string]string{"Cookie": "th_lang=en; th_session=" + residentToken(t, f)}, // the resident chose es
			AfterTestFunc: wantLocation("/es/")},
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

// residentToken signs in the demo resident; clones share the signing keys.
func residentToken(t *testing.T, f func(testing.TB) *tests.TestApp) string {
	app := f(t)
	defer app.Cleanup()
	return schematest.Token(t, app, "resident@aldercreek.example")
}

func wantLocation(want string) func(testing.TB, *tests.TestApp, *http.Response) {
	return func(t testing.TB, _ *tests.TestApp, res *http.Response) {
		if got := res.Header.Get("Location"); got != want {
			t.Errorf("Location = %q, want %q", got, want)
		}
	}
}

func TestPagesInBothLanguages(t *testing.T) {
	f := demo(t)
	scenarios := []tests.ApiScenario{
		get("/en/", nil, 200, []string{`<html lang="en">`, "Town of Alder Creek", "Boil water advisory", "Popular services",
			`hreflang="es" href="http://localhost:8090/es/"`, `hreflang="x-default"`, `aria-current="true">English`, "Español", "8:00 a.m.–4:30 p.m."}, nil, f),
		get("/es/", nil, 200, []string{`<html lang="es">`, "Municipio de Alder Creek", "Aviso de hervir el agua", "Servicios más usados",
			"lunes–viernes", "8:00–16:30", `aria-current="true">Español`}, []string{"Boil water"}, f),
		get("/en/help", nil, 200, []string{"Trash and recycling", "/en/help/waste/bulk-item-pickup"}, nil, f),
		get("/es/help", nil, 200, []string{"Basura y reciclaje", "/es/help/waste/recogida-de-objetos-voluminosos"}, nil, f),
		get("/en/help/waste", nil, 200, []string{"Transfer station"}, []string{"Property tax"}, f),
		get("/en/help/nope", nil, 404, []string{"Page not found"}, nil, f),
		get("/en/help/waste/trash-and-recycling-collection", nil, 200, []string{"<h1>Trash and recycling collection</h1>",
			`hreflang="es" href="http://localhost:8090/es/help/waste/recogida-de-basura-y-reciclaje"`,
			`href="/es/help/waste/recogida-de-basura-y-reciclaje" lang="es"`, "/en/services/missed-pickup", "Last reviewed October 1, 2026."}, nil, f),
		get("/es/help/waste/recogida-de-basura-y-reciclaje", nil, 200, []string{`<html lang="es">`,
			`href="/en/help/waste/trash-and-recycling-collection" lang="en"`, "Revisado por última vez el 1 de octubre de 2026."}, nil, f),
		get("/en/help/streets/trash-and-recycling-collection", nil, 404, []string{"Page not found"}, nil, f), // wrong section
		get("/en/services", nil, 200, []string{"Public Works", "/en/services/pothole", "Town Clerk&#39;s Office"}, nil, f),
		get("/es/services/pothole", nil, 200, []string{"<h1>Bache</h1>", "Qué necesita", "Normalmente respondemos en 5 días hábiles.",
			"/es/services/pothole/request", "Obras Públicas", "/es/help/streets/reportar-baches"}, nil, f),
		get("/en/services/dog-licence", nil, 200, []string{"We usually answer within 3 business days.", "Town Clerk&#39;s Office"}, nil, f),
		get("/en/services/nope", nil, 404, []string{"Page not found"}, nil, f),
		get("/es/services/pothole/request", nil, 200, []string{"Solicitud: Bache", "¿De qué tamaño es?", "Paso 1 de 2", "/es/help/streets/reportar-baches"}, nil, f),
		get("/en/services/building-permit/request", nil, 303, nil, nil, f), // not anonymous: sign in first
		get("/en/departments", nil, 200, []string{"Water and Sewer", "mailto:water@aldercreek.example", `href="tel:5550100150"`}, nil, f),
		get("/es/departments", nil, 200, []string{"Agua y Alcantarillado", "Horario de atención del edificio municipal"}, nil, f),
		get("/en/notices", nil, 200, []string{"Winter parking ban", "<strong>Mill Street</strong>", "/en/notices.atom"}, nil, f),
		get("/es/notices", nil, 200, []string{"prohibición de estacionar"}, nil, f),
	}
	for _, s := range scenarios {
		s.Test(t)
	}
}

func TestNotFoundIsInTheVisitorsLanguage(t *testing.T) {
	f := demo(t)
	for _, s := range []tests.ApiScenario{
		get("/es/no-existe", nil, 404, []string{`<html lang="es">`, "No encontramos la página"}, nil, f),
		get("/en/missing", nil, 404, []string{`<html lang="en">`, "Page not found"}, nil, f),
		get("/xx/whatever", nil, 404, []string{`<html lang="en">`, "Page not found"}, nil, f),
		get("/fr/", nil, 404, []string{`<html lang="en">`}, nil, f),
		get("/api/nope", nil, 404, []string{`"status":404`}, []string{"<html"}, f),
	} {
		s.Test(t)
	}
}

func TestArticleFallsBackToDefaultLanguage(t *testing.T) {
	f := demo(t)
	s := get("/es/help/waste/only-english", nil, 200, []string{`<html lang="es">`, "Esta página todavía no está traducida", `<article lang="en">`, "Only in English"}, nil, f)
	s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		col, err := app.FindCollectionByNameOrId("pages")
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(col)
		r.Load(map[string]any{"title": "Only in English", "slug": "only-english", "language": "en", "section": "waste", "body": "Text.", "published": true})
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	s.Test(t)
}

func TestLanguageNotOfferedByTheTown(t *testing.T) {
	f := demo(t)
	s := get("/es/", nil, 404, []string{`<html lang="en">`}, []string{"hreflang=\"es\""}, f)
	s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		town, err := app.FindFirstRecordByFilter("town", "")
		if err != nil {
			t.Fatal(err)
		}
		town.Set("languages", []string{"en"})
		if err := app.Save(town); err != nil {
			t.Fatal(err)
		}
	}
	s.Test(t)
}

func TestUserTextIsEscaped(t *testing.T) {
	f := demo(t)
	s := get("/en/notices", nil, 200, []string{"&lt;script&gt;alert(1)&lt;/script&gt;"}, []string{"<script>alert(1)"}, f)
	s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		col, err := app.FindCollectionByNameOrId("notices")
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(col)
		r.Load(map[string]any{"title": "<script>alert(1)</script>", "body": "<script>alert(2)</script>", "severity": "critical", "published": true})
		if err := app.Save(r); err != nil {
			t.Fatal(err)
		}
	}
	s.Test(t)
}

func TestSecurityHeaders(t *testing.T) {
	f := demo(t)
	s := get("/en/", nil, 200, []string{"Alder Creek"}, nil, f)
	s.AfterTestFunc = func(t testing.TB, _ *tests.TestApp, res *http.Response) {
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "script-src 'self'") || strings.Contains(csp, "unsafe-inline") {
			t.Errorf("CSP = %q", csp)
		}
		if got := res.Header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("Referrer-Policy = %q", got)
		}
		if got := res.Header.Get("Content-Type"); got != "text/html; charset=utf-8" {
			t.Errorf("Content-Type = %q", got)
		}
		if res.Header.Get("Strict-Transport-Security") != "" {
			t.Error("HSTS must only be sent over TLS")
		}
	}
	s.Test(t)
	api := get("/api/health", nil, 200, []string{"healthy"}, nil, f)
	api.AfterTestFunc = func(t testing.TB, _ *tests.TestApp, res *http.Response) {
		if res.Header.Get("Content-Security-Policy") != "" {
			t.Error("the site's CSP must not be applied to the API")
		}
	}
	api.Test(t)
}

func TestCrossSitePostIsRefused(t *testing.T) {
	f := demo(t)
	s := tests.ApiScenario{Name: "cross-site POST", Method: http.MethodPost, URL: "/en/search",
		Headers:        map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"},
		ExpectedStatus: 403, ExpectedContent: []string{"Not allowed"}, TestAppFactory: f}
	s.Test(t)
}
