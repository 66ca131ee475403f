package search_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tests"

	"github.com/townhall/townhall/internal/search"
)

func TestSearchRanking(t *testing.T) {
	t.Parallel()
	app := fixtureApp(t)
	cases := []struct {
		lang, q, first string
	}{
		{"en", "recycle", "/en/help/waste/recycling"},                       // stem: recycle → recycling
		{"en", "recycling", "/en/help/waste/recycling"},                     // title beats the body mention in trash
		{"en", "RECYCLED bins", "/en/help/waste/recycling"},                 // case and word forms
		{"en", "how do I get a licence for my dog", "/en/help/permits/dog"}, // stop words dropped
		{"en", "licenses", "/en/help/permits/dog"},                          // tag and stem
		{"en", "cafe", "/en/help/waste/bulk"},                               // diacritics folded: café
		{"en", "garbage", "/en/help/waste/trash"},                           // tags are searched
		{"es", "reciclar", "/es/help/waste/reciclaje"},                      // reciclar → reciclaje
		{"es", "reciclaje", "/es/help/waste/reciclaje"},
		{"es", "construccion", "/es/help/permits/construccion"}, // no accent typed
		{"es", "CONSTRUCCIÓN", "/es/help/permits/construccion"},
		{"es", "basura", "/es/help/waste/basura"},
	}
	for _, c := range cases {
		hits, err := search.Search(app.DB(), search.ParseQuery(c.q, c.lang), 10)
		if err != nil {
			t.Fatalf("%s %q: %v", c.lang, c.q, err)
		}
		if len(hits) == 0 || hits[0].Path != c.first {
			t.Errorf("%s %q: first hit %v, want %s", c.lang, c.q, paths(hits), c.first)
		}
		for _, h := range hits {
			if !strings.HasPrefix(h.Path, "/"+c.lang+"/") {
				t.Errorf("%s %q: hit in another language: %s", c.lang, c.q, h.Path)
			}
		}
	}
}

func TestSearchSnippetHighlights(t *testing.T) {
	t.Parallel()
	app := fixtureApp(t)
	hits, err := search.Search(app.DB(), search.ParseQuery("cardboard", "en"), 5)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v err %v", paths(hits), err)
	}
	if !strings.Contains(string(hits[0].Snippet), "<mark>cardboard</mark>") {
		t.Errorf("snippet %q does not mark the word", hits[0].Snippet)
	}
}

func TestSearchHostileInputNeverErrors(t *testing.T) {
	t.Parallel()
	app := fixtureApp(t)
	inputs := []string{
		`"unbalanced`, `recycl*`, `-trash`, `trash NEAR recycling`, `NEAR(trash recycling, 2)`,
		`(((`, `)`, `title:trash`, `{title}: x`, `^trash`, `a AND OR NOT`, `*`, `""`, `'; DROP TABLE pages; --`,
		strings.Repeat("recycling ", 1100), strings.Repeat("é", 6000), "\x00\xff", "<script>alert(1)</script>",
	}
	for _, in := range inputs {
		for _, lang := range []string{"en", "es"} {
			if _, err := search.Search(app.DB(), search.ParseQuery(in, lang), 10); err != nil {
				t.Errorf("%s %.40q: %v", lang, in, err)
			}
		}
	}
}

func paths(hits []search.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Path
	}
	return out
}

func TestRemoveKindLeavesOtherKinds(t *testing.T) {
	t.Parallel()
	app := fixtureApp(t)
	err := search.Put(app.DB(), search.Entry{Kind: "service", Ref: "svc", Lang: "en", Path: "/en/services/trash",
		Title: "Missed trash pickup", Summary: "Tell us what was missed."})
	if err != nil {
		t.Fatal(err)
	}
	if got := find(t, app, "trash", "en"); !slices.Contains(got, "/en/services/trash") {
		t.Fatalf("service not indexed: %v", got)
	}
	if err := search.RemoveKind(app.DB(), "service"); err != nil {
		t.Fatal(err)
	}
	if got := find(t, app, "trash", "en"); slices.Contains(got, "/en/services/trash") || !slices.Contains(got, "/en/help/waste/trash") {
		t.Errorf("after removing services, trash finds %v", got)
	}
	// The stable rowid of the removed document is free again.
	if err := search.Put(app.DB(), search.Entry{Kind: "service", Ref: "svc", Lang: "en", Path: "/en/services/trash", Title: "Trash"}); err != nil {
		t.Fatal(err)
	}
}

func find(t *testing.T, app *tests.TestApp, q, lang string) []string {
	t.Helper()
	hits, err := search.Search(app.DB(), search.ParseQuery(q, lang), 10)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	return paths(hits)
}

// Folding a word with diacritics reuses its transformer: a new chain for
// every word allocated kilobytes, and snippets fold every word of each hit.
func TestFoldReusesItsTransformer(t *testing.T) {
	if got := search.Fold("Construcción"); got != "Construccion" {
		t.Fatalf("Fold: %q", got)
	}
	if raceDetector {
		t.Skip("under -race sync.Pool drops items at random, so Fold's allocations are not counted")
	}
	if n := testing.AllocsPerRun(100, func() { search.Fold("construcción") }); n > 3 {
		t.Errorf("Fold allocates %v times per word, want at most 3", n)
	}
}
