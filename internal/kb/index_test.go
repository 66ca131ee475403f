package kb_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// find is the paths search finds for q in lang.
func find(t *testing.T, app core.App, q, lang string) []string {
	t.Helper()
	return schematest.Found(t, app, "", q, lang)
}

func TestImportedPagesAreIndexedWithTagsAndSummary(t *testing.T) {
	t.Parallel()
	app := newApp(t, "testdata/search")
	cases := []struct{ name, lang, q, path string }{
		{"title", "en", "recycling", "/en/help/waste/recycling"},
		{"tag", "en", "garbage", "/en/help/waste/trash"},
		{"summary", "en", "curbside", "/en/help/waste/trash"},
		{"body", "en", "rabies", "/en/help/permits/dog"},
		{"spanish", "es", "construccion", "/es/help/permits/construccion"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := find(t, app, c.q, c.lang); !slices.Contains(got, c.path) {
				t.Errorf("%s %q found %v, want %s", c.lang, c.q, got, c.path)
			}
		})
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
	if got := find(t, app, "rabies", "en"); len(got) != 0 {
		t.Errorf("unpublished page still found: %v", got)
	}
	rec.Set("published", true)
	rec.Set("body", "Rabies shots are needed.")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	if got := find(t, app, "shots", "en"); len(got) != 1 {
		t.Errorf("edited page not found by its new words: %v", got)
	}
	if err := app.Delete(rec); err != nil {
		t.Fatal(err)
	}
	if got := find(t, app, "rabies", "en"); len(got) != 0 {
		t.Errorf("deleted page still found: %v", got)
	}
}
