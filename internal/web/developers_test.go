package web_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// The page for developers, in both languages: the base URL from the app
// URL setting, how to get a key, and a curl command for every method.
func TestDevelopersPage(t *testing.T) {
	f := demo(t)
	withURL := func(tb testing.TB) *tests.TestApp {
		app := f(tb)
		app.Settings().Meta.AppURL = "https://aldercreek.example"
		if err := app.Save(app.Settings()); err != nil {
			tb.Fatal(err)
		}
		return app
	}
	commands := []string{
		"curl https://aldercreek.example/open311/v2/discovery.json",
		"curl https://aldercreek.example/open311/v2/services.xml",
		"curl https://aldercreek.example/open311/v2/services/pothole.json",
		"curl https://aldercreek.example/open311/v2/requests.json \\\n  -d api_key=YOUR_KEY \\\n  -d service_code=pothole",
		"-d &#34;attribute[size]=small&#34;",
		"-F media=@photo.jpg",
		"-d &#34;attribute[bins][]=trash&#34; \\\n  -d &#34;attribute[bins][]=recycling&#34;",
		"requests.json?service_code=pothole,streetlight&amp;status=open&amp;start_date=",
		"requests.xml?status=open&amp;page=2&amp;page_size=50",
		"curl https://aldercreek.example/open311/v2/tokens/12345.json",
		"curl &#34;https://aldercreek.example/open311/v2/servicerequestupdates.xml?start_date=",
		".json?extensions=true",
		"<code>aldercreek.example</code>",
		`href="mailto:clerk@aldercreek.example"`,
	}
	for lang, words := range map[string][]string{
		"en": {"<h1>Open311 API for developers</h1>", "Getting an API key", "SHA-256", "100 requests an hour", `hreflang="es"`},
		"es": {"<h1>API Open311 para desarrolladores</h1>", "Cómo obtener una clave de API", "SHA-256", "100 solicitudes por hora", `<span lang="en">English</span>`},
	} {
		s := get("/"+lang+"/developers", nil, 200, words, []string{"{{", "developers."}, withURL)
		s.AfterTestFunc = func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			b, err := io.ReadAll(res.Body)
			if err != nil {
				t.Fatal(err)
			}
			// Commands have line-break opportunities for phones; copied,
			// they read as typed.
			body := strings.ReplaceAll(string(b), "<wbr>", "")
			for _, c := range commands {
				if !strings.Contains(body, c) {
					t.Errorf("%s: no %q", lang, c)
				}
			}
		}
		s.Test(t)
	}
}

// Open311 apps post from other sites with a key, not a session: the
// site's cross-origin check does not stand in their way.
func TestOpen311IsOpenToOtherOrigins(t *testing.T) {
	f := demo(t)
	body := url.Values{"api_key": {"th_WRONG"}, "service_code": {"pothole"}}.Encode()
	s := tests.ApiScenario{
		Name: "cross-site POST to Open311", Method: http.MethodPost, URL: "/open311/v2/requests.json", Body: strings.NewReader(body),
		Headers:        map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site", "Origin": "https://app.example"},
		ExpectedStatus: 403, ExpectedContent: []string{`"code":403`, "Invalid api_key"}, TestAppFactory: f,
	}
	s.Test(t)
	// The site's own forms are still protected.
	s = tests.ApiScenario{
		Name: "cross-site POST to the site", Method: http.MethodPost, URL: "/en/signin", Body: strings.NewReader("email=a@b.c"),
		Headers:        map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "cross-site", "Origin": "https://app.example"},
		ExpectedStatus: 403, ExpectedContent: []string{"<html"}, TestAppFactory: f,
		AfterTestFunc: func(t testing.TB, _ *tests.TestApp, res *http.Response) {
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
				t.Errorf("Content-Type %q", ct)
			}
		},
	}
	s.Test(t)
}
