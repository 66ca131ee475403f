package web_test

import (
	"net/http"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

var (
	demoOnce sync.Once
	demoDir  string
)

// demo returns a factory for scenarios: each gets its own clone of one
// seeded demo town.
func demo(t *testing.T) func(testing.TB) *tests.TestApp {
	demoOnce.Do(func() { demoDir = townhalltest.DemoDir(&keep{t}) })
	return func(tb testing.TB) *tests.TestApp { return townhalltest.NewDemoApp(tb, demoDir) }
}

// keep stops the shared demo folder from being removed when the first test
// that built it ends; the OS temp dir is cleaned by `go test`'s -count runs.
type keep struct{ *testing.T }

func (k *keep) Cleanup(func()) {}
func (k *keep) TempDir() string {
	dir, err := mkdirTemp()
	if err != nil {
		k.Fatal(err)
	}
	return dir
}

func get(url string, headers map[string]string, status int, want, notWant []string, factory func(testing.TB) *tests.TestApp) tests.ApiScenario {
	return tests.ApiScenario{
		Name: "GET " + url, Method: http.MethodGet, URL: url, Headers: headers, ExpectedStatus: status,
		ExpectedContent: want, NotExpectedContent: notWant, TestAppFactory: factory,
	}
}
