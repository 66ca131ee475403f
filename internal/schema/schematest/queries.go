package schematest

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Queries runs fn and returns the SQL of every query it made on app (on
// the reading connections and the writing one, transactions included),
// with the parameters written in, so a test can EXPLAIN what the code
// really ran. Nothing else may use app meanwhile.
func Queries(t testing.TB, app core.App, fn func()) []string {
	t.Helper()
	var (
		mu  sync.Mutex
		out []string
	)
	for _, b := range []dbx.Builder{app.ConcurrentDB(), app.NonconcurrentDB()} {
		db, ok := b.(*dbx.DB)
		if !ok {
			t.Fatalf("queries: %T is not a *dbx.DB", b)
		}
		prev := db.QueryLogFunc
		db.QueryLogFunc = func(_ context.Context, _ time.Duration, q string, _ *sql.Rows, _ error) {
			mu.Lock()
			out = append(out, q)
			mu.Unlock()
		}
		defer func() { db.QueryLogFunc = prev }()
	}
	fn()
	mu.Lock()
	defer mu.Unlock()
	return out
}

// AssertQueriesIndexed fails for each query of qs that reads table and
// contains match unless its plan searches table through index, and fails
// if there is no such query.
func AssertQueriesIndexed(t testing.TB, app core.App, qs []string, table, match, index string) {
	t.Helper()
	found := 0
	for _, q := range qs {
		if !strings.Contains(q, "FROM `"+table+"`") && !strings.Contains(q, "FROM "+table+" ") || !strings.Contains(q, match) {
			continue
		}
		found++
		if plan := Plan(t, app, q, nil); !strings.Contains(plan, "SEARCH "+table+" USING INDEX "+index) &&
			!strings.Contains(plan, "SEARCH "+table+" USING COVERING INDEX "+index) {
			t.Errorf("not read through %s:\n%s\n%s", index, q, plan)
		}
	}
	if found == 0 {
		t.Errorf("no query read %s with %q among %d", table, match, len(qs))
	}
}
