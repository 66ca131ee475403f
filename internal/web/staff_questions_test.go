package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// questionsOf are the stored questions of service code.
func questionsOf(t *testing.T, app core.App, code string) []requests.Attribute {
	t.Helper()
	rec, err := app.FindFirstRecordByData("services", "code", code)
	if err != nil {
		t.Fatal(err)
	}
	var qs []requests.Attribute
	if err := rec.UnmarshalJSONField("fields", &qs); err != nil {
		t.Fatal(err)
	}
	return qs
}

// The clerk edits a service's questions on the desk, without JSON: an
// unknown type is refused beside its question and nothing is saved; a new
// question is added at the end; moving one keeps its Spanish text; staff
// members have no editor.
func TestDeskQuestionEditor(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	staffMember(t, app, "crew@staff.example", "public-works")
	b := deskBrowser(t, app, "en", "crew@staff.example")
	b.expect(b.do("GET", "/en/staff/questions?service=pothole", nil), 403)

	b.cookies = map[string]*http.Cookie{}
	deskSignIn(b, "en", "clerk@aldercreek.example")
	path := "/en/staff/questions?service=pothole"
	b.expect(b.do("GET", path, nil), 200, `value="How big is it?"`, `value="¿De qué tamaño es?"`,
		"large | Bigger than a car tyre | Más grande que una rueda de coche", `<option value="singlevaluelist" selected>One choice</option>`)
	form := url.Values{"count": {"2"}, "op": {"save"},
		"q.0.code": {"size"}, "q.0.datatype": {"dropdown"}, "q.0.required": {"on"},
		"q.0.description.en": {"How big is it?"}, "q.0.description.es": {"¿De qué tamaño es?"},
		"q.0.values": {"small | Small | Pequeño"},
		"q.1.code":   {"lane"}, "q.1.datatype": {"string"}, "q.1.description.en": {"Which lane?"}, "q.1.description.es": {"¿Qué carril?"},
		"q.2.code": {"depth"}, "q.2.datatype": {"number"}, "q.2.description.en": {"How deep, in inches?"}, "q.2.description.es": {"¿Qué profundidad, en pulgadas?"}}
	b.expect(b.do("POST", path, form), 422, `id="f-q-0-datatype-error"`, "“dropdown” is not a question type", `value="How deep, in inches?"`)
	if qs := questionsOf(t, app, "pothole"); len(qs) != 2 || qs[0].Datatype != "singlevaluelist" {
		t.Fatalf("a refused edit changed the questions: %+v", qs)
	}
	form.Set("q.0.datatype", "singlevaluelist")
	if rec := b.do("POST", path, form); rec.Code != 303 {
		t.Fatalf("save: %d %.500s", rec.Code, rec.Body.String())
	}
	qs := questionsOf(t, app, "pothole")
	if len(qs) != 3 || qs[2].Code != "depth" || qs[2].Order != 3 || qs[0].Values[0].Name["es"] != "Pequeño" {
		t.Fatalf("questions after adding one: %+v", qs)
	}
	form.Set("count", "3")
	form.Set("op", "up:2")
	if rec := b.do("POST", path, form); rec.Code != 303 {
		t.Fatalf("move: %d %.500s", rec.Code, rec.Body.String())
	}
	qs = questionsOf(t, app, "pothole")
	if qs[1].Code != "depth" || qs[1].Description["es"] != "¿Qué profundidad, en pulgadas?" || qs[2].Code != "lane" {
		t.Fatalf("questions after moving: %+v", qs)
	}
	page := b.do("GET", "/es"+strings.TrimPrefix(path, "/en"), nil)
	b.expect(page, 200, "Se movió la pregunta", `value="¿Qué profundidad, en pulgadas?"`)
}
