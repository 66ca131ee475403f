package townhall_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// The clerk enters a phone request for a resident through the admin UI (the
// superuser API): it is numbered and routed like a web request, and the
// resident gets the same confirmation email.
func TestPhoneRequestEnteredByTheClerk(t *testing.T) {
	factory := func(tb testing.TB) *tests.TestApp {
		app, _ := townhalltest.NewRequestsApp(tb)
		return app
	}
	probe := factory(t)
	token := schematest.AuthToken(t, probe, core.CollectionNameSuperusers, "admin@aldercreek.example")
	svc, err := probe.FindFirstRecordByData("services", "code", "streetlight")
	if err != nil {
		t.Fatal(err)
	}
	probe.Cleanup()

	body := `{"service":"` + svc.Id + `","channel":"phone","status":"new","contact_name":"Ed Caller",
		"contact_email":"ed@example.com","contact_phone":"555-0101","address":"Pole 17, River Road","language":"en",
		"answers":{"problem":"dark"}}`
	s := tests.ApiScenario{
		Name: "clerk enters a phone request", Method: http.MethodPost, URL: "/api/collections/requests/records",
		Body: strings.NewReader(body), Headers: map[string]string{"Authorization": token},
		ExpectedStatus: 200, ExpectedContent: []string{`"channel":"phone"`, `"number":"20`}, TestAppFactory: factory,
		AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			req, err := app.FindFirstRecordByData("requests", "contact_email", "ed@example.com")
			if err != nil || req.GetString("department") != svc.GetString("department") || req.GetDateTime("due").IsZero() {
				t.Fatalf("request not routed: %v %v", req, err)
			}
			mail, err := app.FindFirstRecordByData("outbox", "to", "ed@example.com")
			if err != nil || !strings.Contains(mail.GetString("subject"), req.GetString("number")) {
				t.Errorf("no confirmation for the caller: %v %v", mail, err)
			}
		},
	}
	s.Test(t)
}
