package search_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/townhall/townhall/internal/search"
)

// ftsScan is FTS5's line of a plan: its idxNum, then its idxStr, where "M"
// is the MATCH and "><" the rowid bounds handed to it.
var ftsScan = regexp.MustCompile(`SCAN search_\w+ VIRTUAL TABLE INDEX (\d+):(\S*)$`)

// FTS5's idxNum flags (fts5_main.c): the rows come in rowid order
// (FTS5_BI_ORDER_ROWID), descending (FTS5_BI_ORDER_DESC).
const ftsRowidDesc = 0x40 | 0x80

// The hot search query, in the titles and in everything, has FTS5 match
// one language's rowid range and hand over the matches newest first, so
// that scoring stops after the newest few; it keeps the best LIMIT scores,
// then reads the winners' stored text by rowid. A language filtered after
// the match, every match scored and sorted, or the text of every match
// read fails here.
func TestSearchPlan(t *testing.T) {
	t.Parallel()
	app := fixtureApp(t)
	for _, sql := range search.RankedSQL {
		var rows []struct {
			Detail string `db:"detail"`
		}
		err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + sql).
			Bind(dbx.Params{"match": `{title}:("trash")`, "lo": 1 << 40, "hi": 2 << 40, "ranked": 1000, "limit": 20}).All(&rows)
		if err != nil {
			t.Fatal(err)
		}
		var details []string
		newestFirst := false
		for _, r := range rows {
			details = append(details, r.Detail)
			if m := ftsScan.FindStringSubmatch(r.Detail); m != nil && strings.Contains(m[2], "M") && strings.HasSuffix(m[2], "><") {
				n, err := strconv.Atoi(m[1])
				if err != nil {
					t.Fatalf("FTS5's idxNum %q: %v", m[1], err)
				}
				newestFirst = n&ftsRowidDesc == ftsRowidDesc
			}
		}
		plan := strings.Join(details, "\n")
		if !newestFirst {
			t.Errorf("FTS5 does not hand over the matches in the language's rowid range, newest first:\n%s", plan)
		}
		if !strings.Contains(plan, "SCAN s VIRTUAL TABLE INDEX 0:=") {
			t.Errorf("the winners' text is not read by rowid:\n%s", plan)
		}
	}
}
