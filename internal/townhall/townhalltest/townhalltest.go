// Package townhalltest builds real Townhall apps for tests: the demo town in a
// real SQLite database, with the real locales, content and stylesheet. It is
// seeded with demo.Seed alone, without the sample requests a first start
// files (demo.SeedRequests): tests file their own, from <year>-0001.
package townhalltest

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/demo"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall"
)

// repoDir is the repository root, for tests that load the real locales,
// content and stylesheet from disk.
func repoDir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// TestConfig is the real configuration, read from the repository's folders.
func TestConfig() townhall.Config {
	root := repoDir()
	return townhall.Config{
		Public:  os.DirFS(filepath.Join(root, "pb_public")),
		Locales: os.DirFS(filepath.Join(root, "locales")),
		Content: os.DirFS(filepath.Join(root, "content")),
	}
}

// seedDemo registers Townhall on app and seeds the demo town into it.
func seedDemo(app *tests.TestApp) error {
	if _, err := townhall.Register(app, TestConfig()); err != nil {
		return err
	}
	_, _, err := demo.Seed(app, TestConfig().Content)
	return err
}

// DemoDir seeds the demo town into a fresh database once and returns its
// folder; NewDemoApp clones it for each test, so every test starts from the
// same town with valid auth tokens.
func DemoDir(t testing.TB) string {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	if err := seedDemo(app); err != nil {
		t.Fatal(err)
	}
	return app.DataDir()
}

// NewDemoApp is a clone of the demo town in dir with Townhall registered.
func NewDemoApp(t testing.TB, dir string) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := townhall.Register(app, TestConfig()); err != nil {
		t.Fatal(err)
	}
	return app
}

// SharedDemoDir is DemoDir made once per test binary and kept until the
// process ends (in the OS temp folder), for packages with many tests.
func SharedDemoDir(t testing.TB) string {
	t.Helper()
	return schematest.Shared(t, "townhall-demo", seedDemo).DataDir()
}

// NewRequestsApp is a fresh clone of the demo town and its request rules.
func NewRequestsApp(t testing.TB) (*tests.TestApp, *requests.Domain) {
	t.Helper()
	app, err := tests.NewTestApp(SharedDemoDir(t))
	if err != nil {
		t.Fatal(err)
	}
	th, err := townhall.Register(app, TestConfig())
	if err != nil {
		t.Fatal(err)
	}
	th.Town.Reload()
	return app, th.Requests
}

// NewTown is a fresh clone of the demo town with everything registered,
// removed when the test ends.
func NewTown(t testing.TB) (*tests.TestApp, *townhall.Townhall) {
	t.Helper()
	return clone(t, SharedDemoDir(t))
}

// Testville is the town record of NewEmptyTown: New York time, open on
// weekdays 8:00–16:30, in English and Spanish, mail at testville.example.
var Testville = map[string]any{
	"name": "Testville", "timezone": "America/New_York", "languages": []string{"en", "es"}, "default_language": "en",
	"email": "clerk@testville.example", "mail_domain": "testville.example",
	"office_hours": []map[string]any{
		{"day": 1, "open": "08:00", "close": "16:30"}, {"day": 2, "open": "08:00", "close": "16:30"},
		{"day": 3, "open": "08:00", "close": "16:30"}, {"day": 4, "open": "08:00", "close": "16:30"},
		{"day": 5, "open": "08:00", "close": "16:30"},
	},
}

// NewEmptyTown is a fresh town with everything registered and nothing in it
// but its town record (Testville): no department, service, account, page or
// booking. Tests of rules add the few records they depend on (see
// schematest.Department, Service and Resident), so that a change to the
// demo town cannot break them. Removed when the test ends.
func NewEmptyTown(t testing.TB) (*tests.TestApp, *townhall.Townhall) {
	t.Helper()
	dir := schematest.Shared(t, "townhall-empty", func(app *tests.TestApp) error {
		if _, err := townhall.Register(app, TestConfig()); err != nil {
			return err
		}
		col, err := app.FindCollectionByNameOrId("town")
		if err != nil {
			return err
		}
		r := core.NewRecord(col)
		r.Load(Testville)
		return app.Save(r)
	}).DataDir()
	return clone(t, dir)
}

// clone is a fresh clone of dir with everything registered and the town
// record read, removed when the test ends.
func clone(t testing.TB, dir string) (*tests.TestApp, *townhall.Townhall) {
	t.Helper()
	app, err := tests.NewTestApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	th, err := townhall.Register(app, TestConfig())
	if err != nil {
		t.Fatal(err)
	}
	th.Town.Reload()
	return app, th
}
