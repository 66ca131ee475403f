// Package schematest makes a database with Townhall's schema once per test
// binary, for tests to clone.
package schematest

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	_ "github.com/townhall/townhall/internal/schema" // the migrations
)

// Migrated makes a data directory with every migration applied and returns
// it with a function that removes it. Tests clone it with
// tests.NewTestApp(dir), which under -race is seconds faster than migrating
// a new database for every test. Call it from TestMain.
func Migrated(prefix string) (dir string, remove func(), err error) {
	tmp, err := os.MkdirTemp("", prefix+"-migrated-")
	if err != nil {
		return "", nil, err
	}
	app, err := tests.NewTestApp(tmp)
	if err != nil {
		os.RemoveAll(tmp)
		return "", nil, fmt.Errorf("migrate a test database: %w", err)
	}
	dir = app.DataDir()
	app.ClearBootstrap() // close the database so that clones are complete
	return dir, func() { os.RemoveAll(tmp); os.RemoveAll(dir) }, nil
}

// Main is a TestMain: it sets *dir to a migrated data directory, runs the
// tests, removes the directory and exits with the tests' code.
func Main(m *testing.M, prefix string, dir *string) {
	d, remove, err := Migrated(prefix)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	*dir = d
	code := m.Run()
	remove()
	os.Exit(code)
}

// migratedOnce is the database App migrates once per test binary.
var migratedOnce struct {
	once   sync.Once
	dir    string
	remove func()
	err    error
}

// App is a fresh clone of a database migrated once per test binary (on
// the first call), removed when the test ends. A package whose tests use
// it has Run as its TestMain, which removes that database at the end.
func App(t testing.TB) *tests.TestApp {
	t.Helper()
	migratedOnce.once.Do(func() {
		name := strings.TrimSuffix(filepath.Base(os.Args[0]), ".test")
		migratedOnce.dir, migratedOnce.remove, migratedOnce.err = Migrated(name)
	})
	if migratedOnce.err != nil {
		t.Fatal(migratedOnce.err)
	}
	return NewApp(t, migratedOnce.dir)
}

// Run is a TestMain for tests that use App: it runs the tests, removes
// the database App migrated and exits with the tests' code.
func Run(m *testing.M) {
	code := m.Run()
	if migratedOnce.remove != nil {
		migratedOnce.remove()
	}
	os.Exit(code)
}

// Count is app.CountRecords that fails the test on an error, so a misspelled
// collection or filter cannot pass as "no records".
func Count(t testing.TB, app core.App, collection string, exprs ...dbx.Expression) int {
	t.Helper()
	n, err := app.CountRecords(collection, exprs...)
	if err != nil {
		t.Fatalf("count %s: %v", collection, err)
	}
	return int(n)
}

// Records are the records of collection matching exprs, oldest first,
// failing the test on an error (a misspelled collection or field).
func Records(t testing.TB, app core.App, collection string, exprs ...dbx.Expression) []*core.Record {
	t.Helper()
	var out []*core.Record
	q := app.RecordQuery(collection).OrderBy("created ASC", "id ASC")
	for _, e := range exprs {
		if e != nil {
			q = q.AndWhere(e)
		}
	}
	if err := q.All(&out); err != nil {
		t.Fatalf("list %s: %v", collection, err)
	}
	return out
}

// Eventually waits for ok, checking it every 20 ms, and fails the test
// with what when a generous deadline (a minute: a busy machine is slow)
// passes first. Tests wait on a real signal this way, never a sleep.
func Eventually(t testing.TB, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute: %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// NewApp is a fresh clone of the migrated directory dir, removed when the
// test ends.
func NewApp(t testing.TB, dir string) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	return app
}

// New is a new record of collection with data, not saved yet: for a test
// that saves it itself to see it refused. A misspelled collection fails
// the test.
func New(t testing.TB, app core.App, collection string, data map[string]any) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatalf("find collection %s: %v", collection, err)
	}
	r := core.NewRecord(col)
	r.Load(data)
	return r
}

// Create saves a new record of collection with data, failing the test on
// any error (a misspelled collection or a refused value).
func Create(t testing.TB, app core.App, collection string, data map[string]any) *core.Record {
	t.Helper()
	r := New(t, app, collection, data)
	if err := app.Save(r); err != nil {
		t.Fatalf("create %s record: %v", collection, err)
	}
	return r
}

// Mux is app's whole HTTP handler (REST API, site and APIs), built as serve
// builds it: the OnServe hooks run first.
func Mux(t testing.TB, app core.App) http.Handler {
	t.Helper()
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	var mux http.Handler
	err = app.OnServe().Trigger(&core.ServeEvent{App: app, Router: r}, func(e *core.ServeEvent) error {
		mux, err = e.Router.BuildMux()
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return mux
}

// Location is time.LoadLocation that fails the test on an error.
func Location(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load time zone %s: %v", name, err)
	}
	return loc
}

// At is the local time s ("2006-01-02 15:04") in loc, failing the test on
// an error; an empty s is the zero time.
func At(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	if s == "" {
		return time.Time{}
	}
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

// Token is an auth token of the account with email, as a session or a
// bearer carries it.
func Token(t testing.TB, app core.App, email string) string {
	t.Helper()
	return AuthToken(t, app, "users", email)
}

// AuthToken is an auth token of the record with email in the auth
// collection (users or _superusers).
func AuthToken(t testing.TB, app core.App, collection, email string) string {
	t.Helper()
	u, err := app.FindAuthRecordByEmail(collection, email)
	if err != nil {
		t.Fatalf("find account %s: %v", email, err)
	}
	tok, err := u.NewAuthToken()
	if err != nil {
		t.Fatalf("token of %s: %v", email, err)
	}
	return tok
}

// Plan is SQLite's EXPLAIN QUERY PLAN of sql, one step a line, for tests
// that fail when an index stops serving a hot query.
func Plan(t testing.TB, app core.App, sql string, params dbx.Params) string {
	t.Helper()
	var rows []struct {
		Detail string `db:"detail"`
	}
	if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + sql).Bind(params).All(&rows); err != nil {
		t.Fatalf("explain %s: %v", sql, err)
	}
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(r.Detail + "\n")
	}
	return b.String()
}

// AssertIndexed fails unless the plan of sql reads through index and
// builds no temporary B-tree (no sort of every match).
func AssertIndexed(t testing.TB, app core.App, name, index, sql string, params dbx.Params) {
	t.Helper()
	plan := Plan(t, app, sql, params)
	if !strings.Contains(plan, "INDEX "+index) || strings.Contains(plan, "TEMP B-TREE") {
		t.Errorf("%s: not read through %s alone:\n%s", name, index, plan)
	}
}
