package web_test

import (
	"bytes"
	"github.com/townhall/townhall/internal/schema/schematest"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// A tiny valid PNG.
var png = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")

func post(url string, body *bytes.Buffer, ctype string, headers map[string]string, status int, want, notWant []string, f func(testing.TB) *tests.TestApp) tests.ApiScenario {
	h := map[string]string{"Content-Type": ctype}
	for k, v := range headers {
		h[k] = v
	}
	return tests.ApiScenario{Name: "POST " + url, Method: http.MethodPost, URL: url, Body: body, Headers: h,
		ExpectedStatus: status, ExpectedContent: want, NotExpectedContent: notWant, TestAppFactory: f}
}

func TestAnonymousReportWithPhoto(t *testing.T) {
	f := demo(t)
	body, ctype := townhalltest.Multipart(t, url.Values{"action": {"submit"}, "description": {"Deep <b>hole</b>"}, "address": {"12 Mill Street"},
		"attr.size": {"large"}, "contact_email": {"me@example.com"}}, map[string][]byte{"photos:hole.png": png})
	s := post("/es/services/pothole/request", body, ctype, nil, 303, nil, nil, f)
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, res *http.Response) {
		loc := res.Header.Get("Location")
		if !strings.HasPrefix(loc, "/es/requests/") || !strings.Contains(loc, "/received?key=") {
			t.Fatalf("Location %q", loc)
		}
		recs, err := app.FindAllRecords("requests")
		if err != nil || len(recs) != 1 {
			t.Fatalf("stored %d requests: %v", len(recs), err)
		}
		r := recs[0]
		if len(r.GetStringSlice("photos")) != 1 || r.GetString("language") != "es" || r.GetString("channel") != "web" ||
			r.GetString("contact_email") != "me@example.com" || r.GetString("description") != "Deep <b>hole</b>" {
			t.Errorf("stored request: %v", r.PublicExport())
		}
	}
	s.Test(t)
}

func TestFormErrorsKeepWhatWasTyped(t *testing.T) {
	f := demo(t)
	body, ctype := townhalltest.Multipart(t, url.Values{"action": {"review"}, "description": {"My typed words"}, "address": {"5 Elm"},
		"attr.size": {"gigantic"}}, nil)
	s := post("/en/services/pothole/request", body, ctype, nil, 422, []string{
		"There is a problem", `href="#f-attr-size"`, "Choose one of the options", ">My typed words</textarea>", `value="5 Elm"`,
		`aria-describedby="f-attr-size-error"`}, nil, f)
	s.Test(t)
	body, ctype = townhalltest.Multipart(t, url.Values{"action": {"review"}, "description": {"Palabras"}}, nil)
	s = post("/es/services/pothole/request", body, ctype, nil, 422, []string{"Hay un problema", "Responda a «¿De qué tamaño es?»", "Díganos dónde está", ">Palabras</textarea>"}, nil, f)
	s.Test(t)
}

func TestWrongFileTypeIsRefusedAndTheRestKept(t *testing.T) {
	f := demo(t)
	body, ctype := townhalltest.Multipart(t, url.Values{"action": {"submit"}, "description": {"Keep me"}, "address": {"1 Main"},
		"attr.size": {"small"}}, map[string][]byte{"photos:evil.html": []byte("<script>alert(1)</script>")})
	s := post("/en/services/pothole/request", body, ctype, nil, 422, []string{"Choose JPEG, PNG, WebP, HEIC files only",
		`name="description" value="Keep me"`, "Please choose your files again"}, nil, f)
	s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
		if n := schematest.Count(t, app, "requests"); n != 0 {
			t.Errorf("%d requests stored with a refused file", n)
		}
	}
	s.Test(t)
}

// A photo too large gets its own message, not the wrong-type one.
func TestTooLargeFileSaysSo(t *testing.T) {
	f := demo(t)
	big := bytes.Repeat([]byte{0xff}, 9<<20)
	body, ctype := townhalltest.Multipart(t, url.Values{"action": {"submit"}, "description": {"Keep me"}, "address": {"1 Main"},
		"attr.size": {"small"}}, map[string][]byte{"photos:hole.jpg": big})
	s := post("/en/services/pothole/request", body, ctype, nil, 422, []string{"Each file must be 8 MB or smaller",
		`name="description" value="Keep me"`}, []string{"files only"}, f)
	s.Test(t)
}

// submitted stores a request through the domain, as the form does.
func submitted(t testing.TB, app core.App, in requests.Input) *core.Record {
	d := &requests.Domain{Town: townStore(t, app)}
	r, err := d.Submit(app, in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestTrackingPageShowsNoPersonalData(t *testing.T) {
	f := demo(t)
	var key string
	s := get("/en/requests/"+year()+"-0001", nil, 200, []string{"Request " + year() + "-0001", "Pothole", "&lt;script&gt;", "Received",
		"The reporter wrote", "It is getting bigger."},
		[]string{"secret@example.com", "555-7777", "Jo Reporter", "<script>x"}, f)
	s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		r := submitted(t, app, requests.Input{ServiceCode: "pothole", Channel: "web", Description: "<script>x</script>", Address: "1 Main",
			ContactName: "Jo Reporter", ContactEmail: "secret@example.com", ContactPhone: "555-7777", Answers: map[string][]string{"size": {"small"}}})
		key = requests.Sign(app, "private", r.GetString("number"))
		// The reporter, who has no account, adds a comment by email.
		if _, err := requests.AddUpdate(app, requests.Update{RequestID: r.Id, Kind: "comment", Body: "It is getting bigger.",
			AuthorName: "Jo Reporter", Channel: requests.ChannelEmail}); err != nil {
			t.Fatal(err)
		}
	}
	s.Test(t)
	if key == "" {
		t.Fatal("no key")
	}
	// The same page with a tampered key shows nothing private; the real key does.
	s = get("/en/requests/"+year()+"-0001?key=0000"+key[4:], nil, 200, nil, []string{"secret@example.com"}, f)
	s.ExpectedContent = []string{"Pothole"}
	s.BeforeTestFunc = func(t testing.TB, app *tests.TestApp, e *core.ServeEvent) {
		submitted(t, app, requests.Input{ServiceCode: "pothole", Channel: "web", Address: "1 Main", ContactEmail: "secret@example.com",
			Answers: map[string][]string{"size": {"small"}}})
	}
	s.Test(t)
	s.URL = "/en/requests/" + year() + "-0001/received?key=bad"
	s.ExpectedStatus, s.ExpectedContent, s.NotExpectedContent = 404, []string{"Page not found"}, nil
	s.Test(t)
}

// A form fits its service's kind and says which fields may be left empty:
// a dog licence (an application) asks no "What is the problem" and no
// cross street; a pothole (a problem) needs a place, its description is
// optional; an anonymous question needs the question.
func TestFormFitsItsKind(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	b.expect(b.do("GET", "/en/services/pothole/request", nil), 200, `What is the problem? <span class="optional">(optional)</span>`,
		`Where is it?</label>`, "nearest cross street")
	b.expect(b.do("GET", "/es/services/general/request", nil), 200, `Su pregunta</label>`, `¿Cómo podemos comunicarnos con usted? <span class="optional">(opcional)</span>`)
	signIn(t, app, b)
	rec := b.do("GET", "/en/services/dog-licence/request", nil)
	b.expect(rec, 200, `Anything else we should know? <span class="optional">(optional)</span>`, "Dog&#39;s name")
	for _, no := range []string{"What is the problem", "cross street", "Where"} {
		if strings.Contains(rec.Body.String(), no) {
			t.Errorf("the dog licence form says %q", no)
		}
	}
}

// A department's name on the timeline is said in the page's language.
func TestTimelineDepartmentInSpanish(t *testing.T) {
	app := demoApp(t)
	r := submitted(t, app, requests.Input{ServiceCode: "pothole", Channel: requests.ChannelWeb, Address: "Mill Street",
		Answers: map[string][]string{"size": {"small"}}})
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: r.Id, Kind: "comment", Body: "On our list.", AuthorName: "Public Works"}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, app)
	b.expect(b.do("GET", "/es/requests/"+r.GetString("number"), nil), 200, "Obras Públicas escribió")
	b.expect(b.do("GET", "/en/requests/"+r.GetString("number"), nil), 200, "Public Works wrote")
}
