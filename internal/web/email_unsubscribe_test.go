package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/notify"
)

// unsubscribeLink is the demo resident's link for scope, as a site path,
// and the resident's id.
func unsubscribeLink(t *testing.T, f func(testing.TB) *tests.TestApp, scope string) (string, string) {
	app := f(t)
	defer app.Cleanup()
	u, err := app.FindAuthRecordByEmail("users", "resident@aldercreek.example")
	if err != nil {
		t.Fatal(err)
	}
	link, err := url.Parse(notify.UnsubscribeURL(app, u.Id, scope, "es"))
	if err != nil {
		t.Fatal(err)
	}
	return link.RequestURI(), u.Id
}

// The unsubscribe link from a digest works without signing in: the page
// asks first (a GET changes nothing), the button turns the digest off, and
// so does a mail client's one-click POST (RFC 8058). An altered link does
// nothing.
func TestUnsubscribeWithoutSession(t *testing.T) {
	f := demo(t)
	link, id := unsubscribeLink(t, f, notify.ScopeDigest)
	alerts, _ := unsubscribeLink(t, f, notify.ScopeAlerts)
	wants := func(field string, value any) func(testing.TB, *tests.TestApp, *http.Response) {
		return func(t testing.TB, app *tests.TestApp, res *http.Response) {
			u, err := app.FindRecordById("users", id)
			if err != nil {
				t.Fatal(err)
			}
			if got := u.Get(field); got != value {
				t.Errorf("%s is %v, want %v", field, got, value)
			}
			if strings.Contains(res.Header.Get("Set-Cookie"), "th_session") {
				t.Error("unsubscribing signed the visitor in")
			}
		}
	}
	form := map[string]string{"Content-Type": "application/x-www-form-urlencoded", "Sec-Fetch-Site": "same-origin"}
	oneClick := map[string]string{"Content-Type": "application/x-www-form-urlencoded"}
	forged := strings.Replace(link, "k=", "k=0", 1)
	scenarios := []tests.ApiScenario{
		{Name: "the link asks first", Method: http.MethodGet, URL: link, ExpectedStatus: 200,
			ExpectedContent: []string{"¿Quiere dejar de recibir los resúmenes por correo?", `method="post"`, `action="/es/unsubscribe?`, "Sí, no quiero recibir más"},
			AfterTestFunc:   wants("digest", "weekly")},
		{Name: "the button turns the digest off", Method: http.MethodPost, URL: link, Headers: form, ExpectedStatus: 200,
			ExpectedContent: []string{"Listo: no le enviaremos más resúmenes.", `href="/es/account"`}, AfterTestFunc: wants("digest", "off")},
		{Name: "a mail client's one-click POST", Method: http.MethodPost, URL: link, Headers: oneClick,
			Body: strings.NewReader("List-Unsubscribe=One-Click"), ExpectedStatus: 200,
			ExpectedContent: []string{"Listo: no le enviaremos más resúmenes."}, AfterTestFunc: wants("digest", "off")},
		{Name: "the alerts link turns alerts off", Method: http.MethodPost, URL: alerts, Headers: oneClick,
			Body: strings.NewReader("List-Unsubscribe=One-Click"), ExpectedStatus: 200,
			ExpectedContent: []string{"Listo: no le enviaremos más avisos."}, AfterTestFunc: wants("alerts", false)},
		{Name: "an altered link is refused", Method: http.MethodGet, URL: forged, ExpectedStatus: 404,
			ExpectedContent: []string{"Este enlace no funciona"}, NotExpectedContent: []string{`method="post"`}, AfterTestFunc: wants("digest", "weekly")},
		{Name: "an altered one-click POST changes nothing", Method: http.MethodPost, URL: forged, Headers: oneClick,
			Body: strings.NewReader("List-Unsubscribe=One-Click"), ExpectedStatus: 404,
			ExpectedContent: []string{"Este enlace no funciona"}, AfterTestFunc: wants("digest", "weekly")},
	}
	for _, s := range scenarios {
		s.TestAppFactory = f
		s.Test(t)
	}
}
