package schema_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// The editor's schema: the town's approval setting, revisions that hold a
// whole page with its status, and page images that only the clerk can list
// through the API.
func TestEditorSchema(t *testing.T) {
	t.Parallel()
	app := schematest.App(t)
	town, err := app.FindCollectionByNameOrId("town")
	if err != nil || town.Fields.GetByName("kb_approval") == nil {
		t.Fatalf("town.kb_approval: %v", err)
	}
	revs, err := app.FindCollectionByNameOrId("page_revisions")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"status", "slug", "section", "service", "tags", "base", "restored_from"} {
		if revs.Fields.GetByName(name) == nil {
			t.Errorf("page_revisions.%s is missing", name)
		}
	}
	if s, ok := revs.Fields.GetByName("status").(*core.SelectField); !ok || !slices.Equal(s.Values, []string{"draft", "pending", "published", "rejected"}) {
		t.Errorf("status values: %+v", revs.Fields.GetByName("status"))
	}
	if revs.ListRule != nil || revs.UpdateRule != nil {
		t.Error("page revisions must stay with the clerk (superusers only)")
	}
	imgs, err := app.FindCollectionByNameOrId("page_images")
	if err != nil {
		t.Fatal(err)
	}
	f, ok := imgs.Fields.GetByName("file").(*core.FileField)
	if !ok || f.MaxSize != 5<<20 || f.Protected || slices.Contains(f.MimeTypes, "image/svg+xml") {
		t.Errorf("page_images.file: %+v", f)
	}
	if alt, ok := imgs.Fields.GetByName("alt").(*core.TextField); !ok || !alt.Required {
		t.Error("alt text must be required")
	}
	if imgs.ListRule != nil || imgs.ViewRule != nil || imgs.CreateRule != nil {
		t.Error("page images are written by the site only, and listed by the clerk only")
	}
}
