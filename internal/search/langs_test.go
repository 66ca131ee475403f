package search_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	"github.com/townhall/townhall/internal/search"
)

// A database indexed before each language had its own rowid range keeps
// finding what it found: the migration moves every document into its
// language's range.
func TestMigrationMovesDocumentsIntoTheirLanguage(t *testing.T) {
	t.Parallel()
	app := fixtureApp(t)
	queries := []struct{ lang, q string }{{"en", "recycling"}, {"en", "dog"}, {"es", "reciclaje"}, {"es", "construccion"}}
	before := make([][]string, len(queries))
	for i, c := range queries {
		before[i] = find(t, app, c.q, c.lang)
	}
	// The index as it was: ids numbered from 1 in one sequence, no slots,
	// no separate titles (search_titles came later, and is made from
	// search_index).
	_, err := app.DB().NewQuery(`
		DROP TABLE search_titles;
		CREATE TEMP TABLE old_ids AS SELECT id AS id, row_number() OVER (ORDER BY id) AS old FROM search_docs;
		UPDATE search_index SET rowid = (SELECT old FROM old_ids WHERE id = search_index.rowid);
		UPDATE search_docs SET id = (SELECT old FROM old_ids WHERE id = search_docs.id);
		DROP TABLE old_ids;
		DROP TABLE search_langs;`).Execute()
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"1764000250_search_langs.go", "1764000263_search_titles.go"} {
		i := slices.IndexFunc(core.AppMigrations.Items(), func(m *core.Migration) bool { return m.File == file })
		if i < 0 {
			t.Fatalf("migration %s not registered", file)
		}
		if err := core.AppMigrations.Item(i).Up(app); err != nil {
			t.Fatal(err)
		}
	}
	for i, c := range queries {
		if got := find(t, app, c.q, c.lang); !slices.Equal(got, before[i]) || len(got) == 0 {
			t.Errorf("%s %q after the migration: %v, want %v", c.lang, c.q, got, before[i])
		}
	}
	// New documents go on after the moved ones.
	err = search.Put(app.DB(), search.Entry{Kind: "page", Ref: "new", Lang: "en", Path: "/en/help/new", Title: "Recycling day"})
	if err != nil {
		t.Fatal(err)
	}
	if got := find(t, app, "recycling", "en"); !slices.Contains(got, "/en/help/new") {
		t.Errorf("a page put after the migration is not found: %v", got)
	}
}
