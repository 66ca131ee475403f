package search_test

import (
	"fmt"
	"slices"
	"testing"

	"github.com/pocketbase/dbx"

	"github.com/townhall/townhall/internal/search"
)

// search_titles has exactly the documents of search_index, under the same
// rowids, whichever way a document leaves: else a title no longer in the
// index would still be found, and under a rowid reused by a new document
// it would find that one.
func TestTitlesFollowTheIndex(t *testing.T) {
	t.Parallel()
	gravel := search.Entry{Kind: "page", Ref: "gravel", Lang: "en", Path: "/en/help/roads/gravel", Title: "Gravel delivery",
		Summary: "Order gravel for a driveway."}
	for _, c := range []struct {
		name   string
		remove func(db dbx.Builder) error
	}{
		{"put again with another title", func(db dbx.Builder) error {
			e := gravel
			e.Title, e.Summary = "Driveway stones", "Order stones."
			return search.Put(db, e)
		}},
		{"remove", func(db dbx.Builder) error { return search.Remove(db, "gravel") }},
		{"remove its language", func(db dbx.Builder) error { return search.RemoveLang(db, "gravel", "en") }},
		{"remove its kind", func(db dbx.Builder) error { return search.RemoveKind(db, "page") }},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			app := fixtureApp(t)
			if err := search.Put(app.DB(), gravel); err != nil {
				t.Fatal(err)
			}
			if got := find(t, app, "gravel", "en"); !slices.Equal(got, []string{gravel.Path}) {
				t.Fatalf("gravel finds %v before, want %s", got, gravel.Path)
			}
			if err := c.remove(app.DB()); err != nil {
				t.Fatal(err)
			}
			// A new document takes the newest rowid, the one gravel had
			// when it was removed.
			err := search.Put(app.DB(), search.Entry{Kind: "service", Ref: "sand", Lang: "en", Path: "/en/services/sand", Title: "Sand"})
			if err != nil {
				t.Fatal(err)
			}
			if got := find(t, app, "gravel", "en"); len(got) > 0 {
				t.Errorf("gravel still finds %v", got)
			}
			var missing, extra int
			err = app.DB().NewQuery(`SELECT
				(SELECT count(*) FROM search_index WHERE rowid NOT IN (SELECT rowid FROM search_titles)),
				(SELECT count(*) FROM search_titles WHERE rowid NOT IN (SELECT rowid FROM search_index))`).Row(&missing, &extra)
			if err != nil {
				t.Fatal(err)
			}
			if missing != 0 || extra != 0 {
				t.Errorf("%d documents have no titles, %d titles have no document", missing, extra)
			}
		})
	}
}

// A search matching more pages than a pass ranks scores only the newest of
// them; titles are searched first, so a page with the word in its title is
// still found however old it is.
func TestBroadSearchRanksTheNewestMatches(t *testing.T) {
	t.Parallel()
	app := newApp(t)
	put := func(i int, title, body string) {
		t.Helper()
		err := search.Put(app.DB(), search.Entry{Kind: "page", Ref: fmt.Sprint(i), Lang: "en",
			Path: fmt.Sprintf("/en/help/p%d", i), Title: title, Text: body})
		if err != nil {
			t.Fatal(err)
		}
	}
	// The oldest page says gravel most often: bm25 ranks it first.
	put(0, "Roads", "Gravel gravel gravel gravel on the road.")
	for i := 1; i <= 4; i++ {
		put(i, fmt.Sprintf("Notice %d", i), "Some gravel, and a long list of other words about the town and its roads.")
	}
	q := search.ParseQuery("gravel", "en")
	ranked := func(n int) []string {
		t.Helper()
		hits, err := search.SearchRanking(app.DB(), q, 10, n)
		if err != nil {
			t.Fatal(err)
		}
		return paths(hits)
	}
	if got := ranked(1000); len(got) != 5 || got[0] != "/en/help/p0" {
		t.Fatalf("every match ranked: %v, want 5 with p0 first", got)
	}
	got := ranked(3)
	slices.Sort(got)
	if want := []string{"/en/help/p2", "/en/help/p3", "/en/help/p4"}; !slices.Equal(got, want) {
		t.Errorf("three ranked: %v, want the three newest %v", got, want)
	}
	// An old page with the word in its title comes first all the same.
	put(0, "Gravel roads", "Gravel gravel gravel gravel on the road.")
	if got := ranked(3); len(got) == 0 || got[0] != "/en/help/p0" {
		t.Errorf("three ranked, p0 titled Gravel: %v, want p0 first", got)
	}
}
