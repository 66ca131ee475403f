package search_test

import (
	"testing"

	"github.com/townhall/townhall/internal/search"
)

// A word with a typo finds nothing, and the page offers the word the index
// knows; a word of another language points to that language's pages.
func TestFindForgivesMistakes(t *testing.T) {
	t.Parallel()
	app := fixtureApp(t)
	err := search.Put(app.DB(), search.Entry{Kind: "service", Ref: "pothole", Lang: "en", Path: "/en/services/pothole",
		Title: "Pothole", Summary: "A hole in a town road."})
	if err != nil {
		t.Fatal(err)
	}
	langs := []string{"en", "es"}
	for _, c := range []struct{ lang, q, fix string }{
		{"en", "recyling", "recycling"},
		{"en", "potole", "pothole"},
		{"en", "Recylcing bins", "recycling bins"}, // two letters swapped; the known word kept
		{"en", "trash", ""},                        // known: nothing to correct
		{"en", "recycles", ""},                     // a known term in another form
		{"es", "reciclje", "reciclaje"},
		{"en", "zzzqqq", ""},
	} {
		res, err := search.Find(app.DB(), c.q, c.lang, langs, 10)
		if err != nil {
			t.Fatalf("%s %q: %v", c.lang, c.q, err)
		}
		if res.Suggestion != c.fix {
			t.Errorf("%s %q: suggestion %q, want %q", c.lang, c.q, res.Suggestion, c.fix)
		}
	}
	res, err := search.Find(app.DB(), "basura", "en", langs, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 0 || res.OtherLang != "es" || len(res.OtherHits) == 0 || res.OtherHits[0].Path != "/es/help/waste/basura" {
		t.Errorf("en basura: hits %v, other %q %v", paths(res.Hits), res.OtherLang, paths(res.OtherHits))
	}
	// With hits in its own language, a search does not send anyone away.
	if res, err := search.Find(app.DB(), "trash", "en", langs, 10); err != nil || res.OtherLang != "" || len(res.Hits) == 0 {
		t.Errorf("en trash: hits %v, other %q, err %v", paths(res.Hits), res.OtherLang, err)
	}
}

// A database indexed before the vocabulary existed gets it from the index.
func TestFillWordsFromTheIndex(t *testing.T) {
	t.Parallel()
	app := fixtureApp(t)
	if _, err := app.DB().NewQuery("DELETE FROM search_words").Execute(); err != nil {
		t.Fatal(err)
	}
	if fix, err := search.Suggest(app.DB(), "recyling", "en"); err != nil || fix != "" {
		t.Fatalf("without a vocabulary: %q, %v", fix, err)
	}
	if err := search.FillWords(app.DB()); err != nil {
		t.Fatal(err)
	}
	if fix, err := search.Suggest(app.DB(), "recyling", "en"); err != nil || fix != "recycling" {
		t.Errorf("after FillWords: %q, %v", fix, err)
	}
}
