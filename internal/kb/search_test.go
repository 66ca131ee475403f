package kb_test

import (
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/kb"
)

func TestSearchRanking(t *testing.T) {
	t.Parallel()
	app := newApp(t, "testdata/search")
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
		hits, err := kb.Search(app.DB(), kb.ParseQuery(c.q, c.lang), 10)
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
	app := newApp(t, "testdata/search")
	hits, err := kb.Search(app.DB(), kb.ParseQuery("cardboard", "en"), 5)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %v err %v", paths(hits), err)
	}
	if !strings.Contains(string(hits[0].Snippet), "<mark>cardboard</mark>") {
		t.Errorf("snippet %q does not mark the word", hits[0].Snippet)
	}
}

func TestSearchHostileInputNeverErrors(t *testing.T) {
	t.Parallel()
	app := newApp(t, "testdata/search")
	inputs := []string{
		`"unbalanced`, `recycl*`, `-trash`, `trash NEAR recycling`, `NEAR(trash recycling, 2)`,
		`(((`, `)`, `title:trash`, `{title}: x`, `^trash`, `a AND OR NOT`, `*`, `""`, `'; DROP TABLE pages; --`,
		strings.Repeat("recycling ", 1100), strings.Repeat("é", 6000), "\x00\xff", "<script>alert(1)</script>",
	}
	for _, in := range inputs {
		for _, lang := range []string{"en", "es"} {
			if _, err := kb.Search(app.DB(), kb.ParseQuery(in, lang), 10); err != nil {
				t.Errorf("%s %.40q: %v", lang, in, err)
			}
		}
	}
}

func TestUnpublishedAndDeletedPagesLeaveTheIndex(t *testing.T) {
	t.Parallel()
	app := newApp(t, "testdata/search")
	rec, err := app.FindFirstRecordByData("pages", "slug", "dog")
	if err != nil {
		t.Fatal(err)
	}
	rec.Set("published", false)
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	if hits, _ := kb.Search(app.DB(), kb.ParseQuery("rabies", "en"), 5); len(hits) != 0 {
		t.Errorf("unpublished page still found: %v", paths(hits))
	}
	rec.Set("published", true)
	rec.Set("body", "Rabies shots are needed.")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	if hits, _ := kb.Search(app.DB(), kb.ParseQuery("shots", "en"), 5); len(hits) != 1 {
		t.Errorf("edited page not found by its new words: %v", paths(hits))
	}
	if err := app.Delete(rec); err != nil {
		t.Fatal(err)
	}
	if hits, _ := kb.Search(app.DB(), kb.ParseQuery("rabies", "en"), 5); len(hits) != 0 {
		t.Errorf("deleted page still found: %v", paths(hits))
	}
}

func paths(hits []kb.Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Path
	}
	return out
}
