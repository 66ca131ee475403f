package web_test

import (
	"net/http"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// demo returns a factory for scenarios: each gets its own clone of one
// seeded demo town.
func demo(tb testing.TB) func(testing.TB) *tests.TestApp {
	dir := townhalltest.SharedDemoDir(tb)
	return func(t testing.TB) *tests.TestApp { return townhalltest.NewDemoApp(t, dir) }
}

// demoApp is a clone of the demo town, removed when the test ends.
func demoApp(tb testing.TB) *tests.TestApp {
	app := demo(tb)(tb)
	tb.Cleanup(app.Cleanup)
	return app
}

// demoMux is a clone of the demo town and the site serving it.
func demoMux(tb testing.TB) (*tests.TestApp, http.Handler) {
	app := demoApp(tb)
	return app, serveMux(tb, app)
}

func get(url string, headers map[string]string, status int, want, notWant []string, factory func(testing.TB) *tests.TestApp) tests.ApiScenario {
	return tests.ApiScenario{
		Name: "GET " + url, Method: http.MethodGet, URL: url, Headers: headers, ExpectedStatus: status,
		ExpectedContent: want, NotExpectedContent: notWant, TestAppFactory: factory,
	}
}
