package sms_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/sms"
	"github.com/townhall/townhall/internal/sms/smstest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// appURL is the site's address in these tests; Twilio signs the webhook
// address as the clerk configured it, which starts with it.
const appURL = "https://town.example"

// resident is the number that texts the town in these tests.
const resident = "+15551230001"

// town is a served demo town whose text provider is a double.
type town struct {
	t       testing.TB
	app     *tests.TestApp
	mux     http.Handler
	twilio  *smstest.Twilio
	android *smstest.Android
	reqs    *requests.Domain
}

// file submits a pothole report from number that asked for texts.
func (tw *town) file(number, lang string) *core.Record {
	tw.t.Helper()
	r, err := tw.reqs.Submit(tw.app, requests.Input{ServiceCode: "pothole", Description: "A deep pothole",
		Address: "12 Main Street", Channel: requests.ChannelSMS, ContactPhone: number,
		Language: lang, TextUpdates: true})
	if err != nil {
		tw.t.Fatal(err)
	}
	return r
}

// setStatus moves req to status as staff do, through a timeline entry.
func (tw *town) setStatus(req *core.Record, status string) {
	tw.t.Helper()
	// The clerk, entering a call on the desk: no account, the phone channel.
	if _, err := requests.AddUpdate(tw.app, requests.Update{RequestID: req.Id, Kind: "status", Status: status,
		Body: "We are on it.", AuthorName: "Clerk", Channel: requests.ChannelPhone}); err != nil {
		tw.t.Fatal(err)
	}
}

// textsTo counts the texts queued to number of kind.
func (tw *town) textsTo(number, kind string) int {
	return tw.count(outbox.Collection, dbx.HashExp{"channel": outbox.ChannelSMS, "to": number, "kind": kind})
}

// newTown serves a fresh Testville (townhalltest.NewEmptyTown) texting
// through a double of provider (outbox.ProviderTwilio or
// outbox.ProviderAndroid), with its clerk's phone, the clerk's questions
// ("general") and two problems to report by text: "Pothole", which asks
// "How big is it?", and "Street light out".
func newTown(t testing.TB, provider string) *town {
	t.Helper()
	app, th := townhalltest.NewEmptyTown(t)
	rec, err := app.FindFirstRecordByFilter("town", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	rec.Set("phone", "(555) 010-0100")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	th.Town.Reload()
	works := schematest.Department(t, app, "works")
	townhalltest.Question(t, app, works)
	townhalltest.Pothole(t, app, works, nil)
	schematest.Service(t, app, works, "streetlight", map[string]any{"name": "Street light out", "kind": "problem",
		"needs_location": true, "anonymous": true})
	return serve(t, app, th.Requests, provider)
}

// newDemoTown serves a fresh clone of the demo town, help pages and all,
// texting through a double of provider.
func newDemoTown(t testing.TB, provider string) *town {
	t.Helper()
	app, reqs := townhalltest.NewRequestsApp(t)
	t.Cleanup(app.Cleanup)
	return serve(t, app, reqs, provider)
}

// serve serves app texting through a double of provider; settings are
// changed before the server and its outbox worker start.
func serve(t testing.TB, app *tests.TestApp, reqs *requests.Domain, provider string) *town {
	t.Helper()
	app.Settings().Meta.AppURL = appURL
	if err := app.Save(app.Settings()); err != nil {
		t.Fatal(err)
	}
	tw := &town{t: t, app: app, reqs: reqs}
	data := map[string]any{"provider": provider, "active": true}
	if provider == outbox.ProviderTwilio {
		tw.twilio = smstest.NewTwilio(t)
		data["base_url"], data["account"], data["secret"], data["from_number"] = tw.twilio.URL, tw.twilio.AccountSID, tw.twilio.AuthToken, tw.twilio.From
	} else {
		tw.android = smstest.NewAndroid(t)
		data["base_url"], data["account"], data["secret"], data["signing_key"] = tw.android.URL, tw.android.User, tw.android.Password, tw.android.SigningKey
	}
	schematest.Create(t, app, outbox.SettingsCollection, data)
	tw.mux = schematest.Mux(t, app)
	return tw
}

// post sends a request to the served town and returns its status.
func (tw *town) post(path string, body []byte, header map[string]string) int {
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
	for k, v := range header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	tw.mux.ServeHTTP(rec, req)
	return rec.Code
}

// text sends body from number through the provider's webhook, signed as
// the provider signs it, and fails the test unless it is taken.
func (tw *town) text(from, body string, media ...string) {
	tw.t.Helper()
	if code := tw.send(from, body, media...); code/100 != 2 {
		tw.t.Fatalf("text %q: HTTP %d", body, code)
	}
}

func (tw *town) send(from, body string, media ...string) int {
	if tw.twilio != nil {
		form := tw.twilio.Inbound(from, body, media...)
		sig := tw.twilio.Sign(appURL+sms.TwilioPath, form)
		return tw.post(sms.TwilioPath, []byte(form.Encode()), map[string]string{
			"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sig})
	}
	ev, h := tw.android.Received(from, body, time.Now())
	return tw.post(sms.AndroidPath, ev, h)
}

// sent is what the provider double has sent so far.
func (tw *town) sent() []smstest.Sent {
	if tw.twilio != nil {
		return tw.twilio.Sent()
	}
	return tw.android.Sent()
}

// wait waits until the provider has been given n texts, and returns them.
func (tw *town) wait(n int) []smstest.Sent {
	tw.t.Helper()
	if tw.twilio != nil {
		return tw.twilio.Wait(tw.t, n)
	}
	return tw.android.Wait(tw.t, n)
}

// reply texts body and waits for the next text the town sends back, once
// every text queued before has gone out.
func (tw *town) reply(body string, media ...string) string {
	tw.t.Helper()
	n := tw.count(outbox.Collection, dbx.HashExp{"channel": outbox.ChannelSMS})
	tw.wait(n)
	tw.text(resident, body, media...)
	got := tw.wait(n + 1)
	return got[len(got)-1].Body
}

// count counts records of collection matching where.
func (tw *town) count(collection string, where ...dbx.Expression) int {
	tw.t.Helper()
	return schematest.Count(tw.t, tw.app, collection, where...)
}

// mustContain fails unless s contains each of parts.
func mustContain(t testing.TB, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Fatalf("%q does not contain %q", s, p)
		}
	}
}

var _ core.App = (*tests.TestApp)(nil)

// eventually waits for ok, failing the test after a generous deadline.
func (tw *town) eventually(what string, ok func() bool) {
	tw.t.Helper()
	schematest.Eventually(tw.t, what, ok)
}
