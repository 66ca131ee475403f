package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// unsubscribeLink is the demo resident's link for scope, as a site path,
// and the resident's id.
func unsubscribeLink(t *testing.T, f func(testing.TB) *tests.TestApp, scope string) (string, string) {
	app := f(t)
	defer app.Cleanup()
	u := demoResident(t, app)
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

// Someone following a request by email, with no account to change
// settings in, stops its updates from the email itself: the link asks
// first, the button deletes the follow, and the next update is not sent.
func TestEmailFollowerStopsUpdates(t *testing.T) {
	app := demoApp(t)
	req := newRequest(t, app, "pothole", nil)
	if err := requests.FollowByEmail(app, "dee@example.com", "Dee", "en", req.Id); err != nil {
		t.Fatal(err)
	}
	update := func(status string) {
		t.Helper()
		if _, err := requests.AddUpdate(app, requests.Update{RequestID: req.Id, Kind: "status", Status: status, Body: "Crew on the way."}); err != nil {
			t.Fatal(err)
		}
	}
	update(requests.StatusInProgress)
	mail, err := app.FindAllRecords("outbox", dbx.HashExp{"to": "dee@example.com"})
	if err != nil || len(mail) != 1 {
		t.Fatalf("%d emails to the follower (%v), want 1", len(mail), err)
	}
	text := mail[0].GetString("text")
	found := regexp.MustCompile(`Stop emails about this request:\n(\S+)`).FindStringSubmatch(text)
	if found == nil || !strings.Contains(mail[0].GetString("headers"), "List-Unsubscribe-Post") {
		t.Fatalf("no way to stop in the email:\n%s\nheaders %s", text, mail[0].GetString("headers"))
	}
	link, err := url.Parse(found[1])
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, app)
	b.expect(b.do("GET", link.RequestURI(), nil), 200, "Do you want to stop the emails about this request?")
	if n := schematest.Count(t, app, "follows", dbx.HashExp{"email": "dee@example.com"}); n != 1 {
		t.Fatalf("asking deleted the follow (%d left)", n)
	}
	done := b.do("POST", link.RequestURI(), url.Values{})
	b.expect(done, 200, "Done: we will not send you emails about this request any more.", "You can still see what happens to it on its page.")
	if strings.Contains(done.Body.String(), `href="/en/account"`) {
		t.Error("someone with no account is sent to account settings")
	}
	if n := schematest.Count(t, app, "follows", dbx.HashExp{"email": "dee@example.com"}); n != 0 {
		t.Fatalf("%d follows left after stopping", n)
	}
	update(requests.StatusWaiting)
	if n := schematest.Count(t, app, "outbox", dbx.HashExp{"to": "dee@example.com"}); n != 1 {
		t.Errorf("%d emails to the follower after stopping, want still 1", n)
	}
}
