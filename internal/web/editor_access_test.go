package web_test

import (
	"github.com/townhall/townhall/internal/schema/schematest"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// Only editors edit: visitors are sent to sign in, residents are refused,
// and editors see the way in from every article and the menu.
func TestEditorIsForEditorsOnly(t *testing.T) {
	et := newEditorTown(t)
	bulk := et.ids["en/bulk-item-pickup"]
	article := "/en/help/waste/bulk-item-pickup"
	scenarios := []tests.ApiScenario{
		{Name: "visitor is sent to sign in", Method: http.MethodGet, URL: "/en/editor", ExpectedStatus: 303,
			AfterTestFunc: wantLocation("/en/signin?next=%2Fen%2Feditor")},
		{Name: "resident cannot open the workspace", Method: http.MethodGet, URL: "/en/editor", Headers: et.cookie("resident"),
			ExpectedStatus: 403, NotExpectedContent: []string{"Bulk item pickup"}},
		{Name: "resident cannot open the editor", Method: http.MethodGet, URL: "/es/editor/pages/" + bulk, Headers: et.cookie("resident"),
			ExpectedStatus: 403, NotExpectedContent: []string{"<textarea"}},
		{Name: "resident cannot save", Method: http.MethodPost, URL: "/en/editor/pages/" + bulk,
			Headers: map[string]string{"Cookie": et.cookie("resident")["Cookie"], "Content-Type": "application/x-www-form-urlencoded"},
			Body:    strings.NewReader("action=publish&title=Hacked&section=waste&body=hacked"), ExpectedStatus: 403, ExpectedContent: []string{"Not allowed"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if p, _ := app.FindRecordById("pages", bulk); p.GetString("title") != "Bulk item pickup" {
					t.Errorf("a resident changed the page: %q", p.GetString("title"))
				}
				if n := schematest.Count(t, app, "page_revisions"); n != 36 {
					t.Errorf("%d revisions, want the 36 of the import", n)
				}
			}},
		{Name: "resident cannot roll back", Method: http.MethodPost, URL: "/en/editor/pages/" + bulk + "/revisions/x/restore",
			Headers: et.cookie("resident"), ExpectedStatus: 403, ExpectedContent: []string{"Not allowed"}},
		{Name: "editor opens the workspace", Method: http.MethodGet, URL: "/en/editor", Headers: et.cookie("ana"), ExpectedStatus: 200,
			ExpectedContent: []string{"<h1>Pages</h1>", "Trash and recycling", "Bulk item pickup", "Recogida de objetos voluminosos", "Published",
				"Up to date", `href="/en/editor/pages/` + bulk + `"`, `href="/en/editor">Pages</a>`},
			AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
				if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
					t.Errorf("Cache-Control %q: editor pages must not be stored", cc)
				}
			}},
		{Name: "editor opens the workspace in Spanish", Method: http.MethodGet, URL: "/es/editor", Headers: et.cookie("ana"), ExpectedStatus: 200,
			ExpectedContent: []string{"<h1>Páginas</h1>", "Publicada", "Al día", "Basura y reciclaje"}},
		{Name: "editor sees Edit this page", Method: http.MethodGet, URL: article, Headers: et.cookie("ana"), ExpectedStatus: 200,
			ExpectedContent: []string{`<a href="/en/editor/pages/` + bulk + `">Edit this page</a>`}},
		{Name: "resident sees no edit link", Method: http.MethodGet, URL: article, Headers: et.cookie("resident"), ExpectedStatus: 200,
			NotExpectedContent: []string{"Edit this page", "/editor"}},
		{Name: "visitor sees no edit link", Method: http.MethodGet, URL: article, ExpectedStatus: 200,
			NotExpectedContent: []string{"Edit this page", "/editor"}},
		{Name: "the guide is in Spanish", Method: http.MethodGet, URL: "/es/editor/guide", Headers: et.cookie("ana"), ExpectedStatus: 200,
			ExpectedContent: []string{"Cómo dar formato al texto", "<td>Sofá</td>", "<strong>gratis</strong>", "| Objeto | Tarifa |", "&lt;b&gt;"}},
	}
	for _, s := range scenarios {
		s.TestAppFactory = et.factory
		s.Test(t)
	}
}

// An editor's token opens nothing more in the REST API than a resident's:
// no one else's account or requests, no settings, and no writing pages
// behind the editor's back.
func TestEditorCannotTouchRequestsUsersOrSettings(t *testing.T) {
	et := newEditorTown(t)
	ana := et.bearer("ana")
	rec := func(c string) string { return "/api/collections/" + c + "/records" }
	scenarios := []tests.ApiScenario{
		{Name: "lists only self", Method: http.MethodGet, URL: rec("users"), Headers: ana, ExpectedStatus: 200,
			ExpectedContent: []string{`"totalItems":1`, "ana@volunteers.example"}, NotExpectedContent: []string{"resident@", "ben@"}},
		{Name: "cannot view the resident", Method: http.MethodGet, URL: rec("users") + "/" + et.ids["resident"], Headers: ana, ExpectedStatus: 404},
		{Name: "cannot change the resident", Method: http.MethodPatch, URL: rec("users") + "/" + et.ids["resident"], Headers: ana,
			Body: strings.NewReader(`{"name":"x"}`), ExpectedStatus: 404},
		{Name: "cannot make self staff", Method: http.MethodPatch, URL: rec("users") + "/" + et.ids["ana"], Headers: ana,
			Body: strings.NewReader(`{"role":"staff"}`), ExpectedStatus: 404},
		{Name: "cannot give self departments", Method: http.MethodPatch, URL: rec("users") + "/" + et.ids["ana"], Headers: ana,
			Body: strings.NewReader(`{"departments":["abcdefghijklmno"]}`), ExpectedStatus: 404},
		{Name: "sees no one else's requests", Method: http.MethodGet, URL: rec("requests"), Headers: ana, ExpectedStatus: 200,
			ExpectedContent: []string{`"totalItems":0`}, NotExpectedContent: []string{"Hole by the school"}},
		{Name: "cannot view a request", Method: http.MethodGet, URL: rec("requests") + "/" + et.ids["request"], Headers: ana, ExpectedStatus: 404},
		{Name: "cannot change a request", Method: http.MethodPatch, URL: rec("requests") + "/" + et.ids["request"], Headers: ana,
			Body: strings.NewReader(`{"status":"closed"}`), ExpectedStatus: 403},
		{Name: "cannot create a request", Method: http.MethodPost, URL: rec("requests"), Headers: ana,
			Body: strings.NewReader(`{"description":"x"}`), ExpectedStatus: 403},
		{Name: "cannot read the request timeline", Method: http.MethodGet, URL: rec("request_updates"), Headers: ana, ExpectedStatus: 200,
			ExpectedContent: []string{`"totalItems":0`}},
		{Name: "cannot read settings", Method: http.MethodGet, URL: "/api/settings", Headers: ana, ExpectedStatus: 403},
		{Name: "cannot change settings", Method: http.MethodPatch, URL: "/api/settings", Headers: ana,
			Body: strings.NewReader(`{"meta":{"appName":"x"}}`), ExpectedStatus: 403},
		{Name: "cannot change the town", Method: http.MethodPatch, URL: rec("town") + "/" + et.ids["town"], Headers: ana,
			Body: strings.NewReader(`{"kb_approval":false}`), ExpectedStatus: 403},
		{Name: "cannot write pages through the API", Method: http.MethodPatch, URL: rec("pages") + "/" + et.ids["en/bulk-item-pickup"], Headers: ana,
			Body: strings.NewReader(`{"title":"x"}`), ExpectedStatus: 403},
		{Name: "cannot approve changes", Method: http.MethodGet, URL: rec("page_revisions"), Headers: ana, ExpectedStatus: 403},
		{Name: "cannot list images", Method: http.MethodGet, URL: rec("page_images"), Headers: ana, ExpectedStatus: 403},
	}
	for _, s := range scenarios {
		s.TestAppFactory = et.factory
		if len(s.ExpectedContent) == 0 {
			s.ExpectedContent = []string{`"status"`}
		}
		s.Test(t)
	}
}
