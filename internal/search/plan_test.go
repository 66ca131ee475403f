package search_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/townhall/townhall/internal/search"
)

// The hot search query has FTS5 match one language's rowid range (the
// MATCH "M" and the rowid bounds "><" passed to it) and keeps the best
// LIMIT scores, then reads the winners' stored text by rowid. A language
// filtered after the match, or the text of every match sorted, fails here.
func TestSearchPlan(t *testing.T) {
	t.Parallel()
	app := fixtureApp(t)
	var rows []struct {
		Detail string `db:"detail"`
	}
	err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + search.RankedSQL).
		Bind(dbx.Params{"match": `{title}:("trash")`, "lo": 1 << 40, "hi": 2 << 40, "limit": 20}).All(&rows)
	if err != nil {
		t.Fatal(err)
	}
	var details []string
	for _, r := range rows {
		details = append(details, r.Detail)
	}
	plan := strings.Join(details, "\n")
	ranked := false
	for _, d := range details {
		if strings.Contains(d, "search_index VIRTUAL TABLE INDEX 0:M") && strings.HasSuffix(d, "><") {
			ranked = true
		}
	}
	if !ranked {
		t.Errorf("the matches are not found by FTS5 in the language's rowid range:\n%s", plan)
	}
	if !strings.Contains(plan, "SCAN s VIRTUAL TABLE INDEX 0:=") {
		t.Errorf("the winners' text is not read by rowid:\n%s", plan)
	}
}
