package kb_test

import (
	"os"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// newApp is a real database with the schema and the kb hooks, and the
// pages of dir imported.
func newApp(t testing.TB, dir string) *tests.TestApp {
	t.Helper()
	app := schematest.NewApp(t, t.TempDir())
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
