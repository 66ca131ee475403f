package web_test

import (
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// editorTown is the demo town with two editors (Ana and Ben), a resident's
// request and the ids tests need, saved once per test binary; every test
// gets its own clone, in which the tokens stay valid.
type editorTown struct {
	dir    string
	tokens map[string]string // ana, ben, resident, su
	ids    map[string]string // pages by language/slug, users, the request
}

var (
	editorTownOnce sync.Once
	editorTownData *editorTown
)

func newEditorTown(t testing.TB) *editorTown {
	editorTownOnce.Do(func() {
		app := townhalltest.NewDemoApp(t, townhalltest.SharedDemoDir(t))
		et := &editorTown{dir: app.DataDir(), tokens: map[string]string{}, ids: map[string]string{}}
		users, err := app.FindCollectionByNameOrId("users")
		if err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"Ana", "Ben"} {
			u := core.NewRecord(users)
			u.SetEmail(strings.ToLower(who) + "@volunteers.example")
			u.SetPassword("long-enough-pw")
			u.SetVerified(true)
			u.Load(map[string]any{"name": who, "role": "editor", "language": "en"})
			if err := app.Save(u); err != nil {
				t.Fatal(err)
			}
			et.ids[strings.ToLower(who)] = u.Id
		}
		resident := demoResident(t, app)
		et.ids["resident"] = resident.Id
		req, err := (&requests.Domain{Town: townStore(t, app)}).Submit(app, requests.Input{ServiceCode: "pothole", Channel: "web",
			Description: "Hole by the school", Address: "1 Main", ReporterID: resident.Id, Answers: map[string][]string{"size": {"small"}}})
		if err != nil {
			t.Fatal(err)
		}
		et.ids["request"] = req.Id
		for _, who := range []string{"ana", "ben", "resident"} {
			u, err := app.FindRecordById("users", et.ids[who])
			if err != nil {
				t.Fatal(err)
			}
			if et.tokens[who], err = u.NewAuthToken(); err != nil {
				t.Fatal(err)
			}
		}
		su, err := app.FindAuthRecordByEmail(core.CollectionNameSuperusers, "admin@aldercreek.example")
		if err != nil {
			t.Fatal(err)
		}
		if et.tokens["su"], err = su.NewAuthToken(); err != nil {
			t.Fatal(err)
		}
		towns, err := app.FindRecordsByFilter("town", "", "", 1, 0)
		if err != nil || len(towns) == 0 {
			t.Fatalf("town: %v", err)
		}
		et.ids["town"] = towns[0].Id
		pages, err := app.FindAllRecords("pages")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			et.ids[p.GetString("language")+"/"+p.GetString("slug")] = p.Id
		}
		// Close the database so clones copy a settled file.
		if err := app.ClearBootstrap(); err != nil {
			t.Fatal(err)
		}
		editorTownData = et
	})
	if editorTownData == nil {
		t.Fatal("editor town setup failed")
	}
	return editorTownData
}

func (et *editorTown) factory(t testing.TB) *tests.TestApp { return townhalltest.NewDemoApp(t, et.dir) }

// cookie signs who in on the site.
func (et *editorTown) cookie(who string) map[string]string {
	if who == "" {
		return nil
	}
	return map[string]string{"Cookie": "th_session=" + et.tokens[who]}
}

// bearer is who's token for the REST API.
func (et *editorTown) bearer(who string) map[string]string {
	return map[string]string{"Authorization": et.tokens[who]}
}

// site is one clone of the editor town served in-process, for tests that
// make several requests in turn, as a browser would.
type site struct {
	t   testing.TB
	app *tests.TestApp
	h   http.Handler
	et  *editorTown
}

func newSite(t testing.TB) *site {
	et := newEditorTown(t)
	app := et.factory(t)
	t.Cleanup(app.Cleanup)
	return &site{t: t, app: app, h: serveMux(t, app), et: et}
}

type response struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

func (s *site) do(who string, req *http.Request) response {
	s.t.Helper()
	for k, v := range s.et.cookie(who) {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.h.ServeHTTP(rec, req)
	body, err := io.ReadAll(rec.Result().Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return response{Status: rec.Code, Body: string(body), Location: rec.Header().Get("Location"), Header: rec.Header()}
}

func (s *site) get(who, path string) response {
	return s.do(who, httptest.NewRequest(http.MethodGet, path, nil))
}

// post sends a multipart form, as the editor's form is; files are
// "field:name" → content.
func (s *site) post(who, path string, fields url.Values, files map[string][]byte) response {
	s.t.Helper()
	body, ctype := townhalltest.Multipart(s.t, fields, files)
	req := httptest.NewRequest(http.MethodPost, path, body)
	req.Header.Set("Content-Type", ctype)
	return s.do(who, req)
}

var (
	inputRe    = regexp.MustCompile(`<input[^>]*\bname="([^"]+)"[^>]*\bvalue="([^"]*)"`)
	textareaRe = regexp.MustCompile(`(?s)<textarea[^>]*\bname="([^"]+)"[^>]*>(.*?)</textarea>`)
	selectRe   = regexp.MustCompile(`(?s)<select[^>]*\bname="([^"]+)"[^>]*>(.*?)</select>`)
	selectedRe = regexp.MustCompile(`<option value="([^"]*)"[^>]*\bselected`)
)

// form reads the editor's fields from a page, as a browser would submit
// them.
func form(page string) url.Values {
	v := url.Values{}
	for _, m := range inputRe.FindAllStringSubmatch(page, -1) {
		if m[1] != "q" {
			v.Set(m[1], html.UnescapeString(m[2]))
		}
	}
	for _, m := range textareaRe.FindAllStringSubmatch(page, -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range selectRe.FindAllStringSubmatch(page, -1) {
		if o := selectedRe.FindStringSubmatch(m[2]); o != nil {
			v.Set(m[1], o[1])
		}
	}
	return v
}

func wantIn(t testing.TB, what, body string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q:\n%s", what, w, excerpt(body))
		}
	}
}

func wantNotIn(t testing.TB, what, body string, notWant ...string) {
	t.Helper()
	for _, w := range notWant {
		if strings.Contains(body, w) {
			t.Errorf("%s has %q:\n%s", what, w, excerpt(body))
		}
	}
}

// excerpt is the main part of a page, for failure messages.
func excerpt(body string) string {
	if i := strings.Index(body, `<main`); i >= 0 {
		body = body[i:]
	}
	if len(body) > 3000 {
		body = body[:3000] + "…"
	}
	return body
}
