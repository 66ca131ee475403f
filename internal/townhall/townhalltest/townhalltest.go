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
	app, err := tests.NewTestApp(SharedDemoDir(t))
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
