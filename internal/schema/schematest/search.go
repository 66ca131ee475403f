package schematest

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/search"
)

// Found is the paths of the documents of kind ("page", "service"; "" for
// every kind) that the site's search finds for q in lang, best first.
func Found(t testing.TB, app core.App, kind, q, lang string) []string {
	t.Helper()
	hits, err := search.Search(app.DB(), search.ParseQuery(q, lang), 10)
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	var out []string
	for _, h := range hits {
		if kind == "" || h.Kind == kind {
			out = append(out, h.Path)
		}
	}
	return out
}
