package kb_test

import (
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/kb"
	_ "github.com/townhall/townhall/internal/schema"
)

// newApp is a real database with the schema and the kb hooks, and the
// pages of dir imported.
func newApp(t testing.TB, dir string) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	kb.Register(app, clock.Real)
	if dir != "" {
		rep, err := kb.Import(app, os.DirFS(dir), "import")
		if err != nil {
			t.Fatal(err)
		}
		if len(rep.Errors) > 0 {
			t.Fatalf("import errors: %v", rep.Errors)
		}
	}
	return app
}
