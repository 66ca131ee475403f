package schematest

import (
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
)

// sharedApp is one app made by Shared, with the error that stopped it.
type sharedApp struct {
	once sync.Once
	app  *tests.TestApp
	err  error
}

var shared sync.Map // name → *sharedApp

// Shared is the app named name, made once per test binary: a migrated
// database in the OS temp folder, set up by setup, kept until the process
// ends. Tests share it when each writes records of its own (a database per
// test is slow under -race on a busy machine), or clone its folder with
// NewApp(t, Shared(...).DataDir()) to start from the same data.
func Shared(t testing.TB, name string, setup func(*tests.TestApp) error) *tests.TestApp {
	t.Helper()
	v, _ := shared.LoadOrStore(name, &sharedApp{})
	s := v.(*sharedApp)
	s.once.Do(func() {
		dir, err := os.MkdirTemp("", name+"-")
		if err != nil {
			s.err = err
			return
		}
		app, err := tests.NewTestApp(dir)
		if err != nil {
			s.err = fmt.Errorf("migrate a test database: %w", err)
			return
		}
		if err := setup(app); err != nil {
			s.err = fmt.Errorf("set up %s: %w", name, err)
			return
		}
		s.app = app
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.app
}
