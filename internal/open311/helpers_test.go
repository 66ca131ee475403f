package open311_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/logger"
	"github.com/townhall/townhall/internal/open311"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

const api = "/open311/v2"

// server is a town with every hook registered and the real router, built
// once, so a test can file a request and read it back.
type server struct {
	t    testing.TB
	app  *tests.TestApp
	reqs *requests.Domain // the request rules the routes use, clock included
	mux  http.Handler
}

// newServer starts the routes of a fresh Testville (NewEmptyTown) with
// the catalogue below; before, if given, changes the app first, while no
// background job (the outbox worker) runs.
func newServer(t testing.TB, before ...func(core.App)) *server {
	t.Helper()
	app, th := townhalltest.NewEmptyTown(t)
	catalogue(t, app)
	return serve(t, app, th.Requests, before)
}

// newDemoServer starts the routes of a fresh clone of the demo town.
func newDemoServer(t testing.TB) *server {
	t.Helper()
	app, reqs := townhalltest.NewRequestsApp(t)
	t.Cleanup(app.Cleanup)
	return serve(t, app, reqs, nil)
}

// keyedServer is newServer and a key of the default rate, as the clerk
// gives it to a developer.
func keyedServer(t testing.TB) (*server, string) {
	t.Helper()
	s := newServer(t)
	key, _ := newKey(t, s.app, 0)
	return s, key
}

// stored fails the test unless the town holds want requests.
func (s *server) stored(want int) {
	s.t.Helper()
	if n := schematest.Count(s.t, s.app, "requests"); n != want {
		s.t.Errorf("%d requests stored, want %d", n, want)
	}
}

func serve(t testing.TB, app *tests.TestApp, reqs *requests.Domain, before []func(core.App)) *server {
	t.Helper()
	for _, f := range before {
		f(app)
	}
	return &server{t: t, app: app, reqs: reqs, mux: schematest.Mux(t, app)}
}

// catalogue saves the services these tests file to, in Public Works, each
// with a datatype of the spec: "pothole" (size, a required choice, and
// lane, a string; public), "streetlight" (public), "missed-pickup" (bins,
// a multivaluelist, and collection_day, a datetime, in English and
// Spanish; public, not anonymous), "bulk-pickup" (items, a text, and
// count, a number) and the clerk's private questions ("general").
func catalogue(t testing.TB, app core.App) {
	t.Helper()
	works := schematest.Create(t, app, "departments", map[string]any{"slug": "public-works", "name": "Public Works",
		"email": "works@testville.example"})
	size := townhalltest.Field("size", "singlevaluelist", true, "How big is it?")
	size["values"] = []map[string]any{choice("small", "Smaller than a plate", "Más pequeño que un plato"),
		choice("medium", "About a tyre", "Como una rueda"), choice("large", "Bigger than a car tyre", "Más grande que una rueda")}
	townhalltest.Pothole(t, app, works, map[string]any{"public_requests": true, "keywords": "pothole, asphalt",
		"fields": []any{size, townhalltest.Field("lane", "string", false, "Which lane?")}})
	schematest.Service(t, app, works, "streetlight", map[string]any{"name": "Street light out", "kind": "problem",
		"needs_location": true, "anonymous": true, "public_requests": true})
	bins := townhalltest.Field("bins", "multivaluelist", true, "Which bins were missed?")
	bins["description"] = map[string]string{"en": "Which bins were missed?", "es": "¿Qué contenedores no se recogieron?"}
	bins["values"] = []map[string]any{choice("trash", "Trash", "Basura"), choice("recycling", "Recycling", "Reciclaje")}
	schematest.Service(t, app, works, "missed-pickup", map[string]any{"kind": "problem", "needs_location": true,
		"needs_contact": true, "public_requests": true, "fields": []any{bins,
			townhalltest.Field("collection_day", "datetime", true, "Collection day")}})
	schematest.Service(t, app, works, "bulk-pickup", map[string]any{"kind": "application", "needs_location": true,
		"needs_contact": true, "fields": []any{townhalltest.Field("items", "text", true, "What are the items?"),
			townhalltest.Field("count", "number", true, "How many items?"),
			townhalltest.Field("refrigerant", "singlevaluelist", true, "Any refrigerant?", "no", "yes")}})
	townhalltest.Question(t, app, schematest.Department(t, app, "clerk"))
}

// choice is a list question's choice with key, named en and es.
func choice(key, en, es string) map[string]any {
	return map[string]any{"key": key, "name": map[string]string{"en": en, "es": es}}
}

// response is what the server answered.
type response struct {
	Status int
	Header http.Header
	Body   string
}

func (s *server) do(method, target string, body io.Reader, header map[string]string) response {
	s.t.Helper()
	req := httptest.NewRequest(method, target, body)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, req)
	return response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.String()}
}

func (s *server) get(target string) response { return s.do(http.MethodGet, target, nil, nil) }

// post sends form as application/x-www-form-urlencoded.
func (s *server) post(target string, form url.Values) response {
	return s.do(http.MethodPost, target, strings.NewReader(form.Encode()),
		map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
}

// postMultipart sends form and files ("field:name" → bytes) as multipart.
func (s *server) postMultipart(target string, form url.Values, files map[string][]byte) response {
	body, ctype := townhalltest.Multipart(s.t, form, files)
	return s.do(http.MethodPost, target, body, map[string]string{"Content-Type": ctype})
}

// expect fails unless r has status and the spec's content type for f.
func (r response) expect(t testing.TB, status int, f string) response {
	t.Helper()
	if r.Status != status {
		t.Fatalf("status %d, want %d: %s", r.Status, status, r.Body)
	}
	want := map[string]string{"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}[f]
	if got := r.Header.Get("Content-Type"); got != want {
		t.Errorf("Content-Type %q, want %q", got, want)
	}
	if f == "xml" && !strings.HasPrefix(r.Body, `<?xml version="1.0" encoding="utf-8"?>`) {
		t.Errorf("XML does not start with the declaration: %.80q", r.Body)
	}
	return r
}

func (r response) json(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, r.Body)
	}
}

func (r response) xml(t testing.TB, v any) {
	t.Helper()
	if err := xml.Unmarshal([]byte(r.Body), v); err != nil {
		t.Fatalf("not XML: %v\n%s", err, r.Body)
	}
}

// decode reads the body in format f, "xml" or "json", into v.
func (r response) decode(t testing.TB, f string, v any) {
	t.Helper()
	if f == "xml" {
		r.xml(t, v)
	} else {
		r.json(t, v)
	}
}

// keys reads a JSON object's keys in order.
func keys(t testing.TB, raw json.RawMessage) []string {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not an object: %s", raw)
	}
	var out []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// specError is the spec's error document in both formats.
type specError struct {
	Code        int    `xml:"code" json:"code"`
	Description string `xml:"description" json:"description"`
}

// expectError checks a spec error answer in format f and returns its
// descriptions.
func (r response) expectError(t testing.TB, status int, f string) []string {
	t.Helper()
	r.expect(t, status, f)
	var errs []specError
	if f == "json" {
		r.json(t, &errs)
	} else {
		var doc struct {
			XMLName xml.Name    `xml:"errors"`
			Errors  []specError `xml:"error"`
		}
		r.xml(t, &doc)
		errs = doc.Errors
	}
	if len(errs) == 0 {
		t.Fatalf("no errors in %s", r.Body)
	}
	var out []string
	for _, e := range errs {
		if e.Code != status || e.Description == "" {
			t.Errorf("error %+v, want code %d and a description", e, status)
		}
		out = append(out, e.Description)
	}
	return out
}

var keyPattern = regexp.MustCompile(`th_[A-Z2-7]{26}`)

// newKey has the clerk create a key, the way the admin UI does, and
// returns it as the developer receives it: from the email in the outbox.
func newKey(t testing.TB, app core.App, rate int) (string, *core.Record) {
	t.Helper()
	col, err := app.FindCollectionByNameOrId("api_keys")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"name": "County 311 app", "contact": "dev@county.example", "rate_per_hour": rate})
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	mail, err := app.FindFirstRecordByData("outbox", "dedupe_key", "open311-key:"+r.Id)
	if err != nil {
		t.Fatalf("no key email: %v", err)
	}
	key := keyPattern.FindString(mail.GetString("text"))
	if key == "" {
		t.Fatalf("no key in the email: %s", mail.GetString("text"))
	}
	return key, r
}

// pothole is a valid request for the pothole service.
func pothole(key string) url.Values {
	return url.Values{"api_key": {key}, "service_code": {"pothole"}, "lat": {"42.1"}, "long": {"-71.2"},
		"address_string": {"12 Mill Street"}, "description": {"Deep hole"}, "attribute[size]": {"large"}}
}

// file posts v and returns the new request's number.
func (s *server) file(v url.Values) string {
	s.t.Helper()
	r := s.post(api+"/requests.json", v)
	r.expect(s.t, 200, "json")
	var out []struct {
		ID string `json:"service_request_id"`
	}
	r.json(s.t, &out)
	if len(out) != 1 || out[0].ID == "" {
		s.t.Fatalf("no service_request_id: %s", r.Body)
	}
	return out[0].ID
}

// flushLogs writes the app's buffered log lines to the logs table.
func flushLogs(t testing.TB, app core.App) {
	t.Helper()
	h, ok := app.Logger().Handler().(*logger.BatchHandler)
	if !ok {
		t.Fatalf("logger handler is %T", app.Logger().Handler())
	}
	if err := h.WriteAll(context.WithValue(context.Background(), logger.BlockKey, true)); err != nil {
		t.Fatal(err)
	}
}

var _ = open311.Prefix

// url1 is v with name set to value.
func url1(v url.Values, name, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	out.Set(name, value)
	return out
}

// year is the current year in the town (New York), as request numbers use it.
func year() string {
	ny, _ := time.LoadLocation("America/New_York")
	return strconv.Itoa(time.Now().In(ny).Year())
}
