package kb_test

import (
	"errors"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/kb"
)

// Two saves opened at the same version: the second is a conflict even when
// both land in the same millisecond, so the page's updated time cannot tell
// them apart. The first is a save in the admin UI (no revision), which
// only the version records.
func TestSaveFromAnOldVersionIsAConflictInTheSameMillisecond(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	p := published(t, app, "en", "ed-same-ms", "Leaves are collected in October.")
	mine := open(t, app, p)
	opened := p.GetString("updated")
	p.Set("summary", "Changed by the clerk.")
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	if got, want := p.GetInt("version"), mine.BaseVersion+1; got != want {
		t.Fatalf("version after a save in the admin UI = %d, want %d", got, want)
	}
	// The clerk's save landed in the millisecond the editor opened.
	if _, err := app.DB().NewQuery("UPDATE pages SET updated = {:at} WHERE id = {:id}").
		Bind(dbx.Params{"at": opened, "id": p.Id}).Execute(); err != nil {
		t.Fatal(err)
	}
	mine.Summary, mine.Author, mine.Publish = "Mine", ana, true
	_, _, err := kb.Save(app, mine)
	var c *kb.ConflictError
	if !errors.As(err, &c) || c.Theirs.Summary != "Changed by the clerk." {
		t.Fatalf("want a conflict, got %v", err)
	}
	// Having seen theirs, the editor saves from the current version.
	mine.Base, mine.BaseVersion = c.Head, c.HeadVersion
	saved, _, err := kb.Save(app, mine)
	if err != nil {
		t.Fatalf("save from the current version: %v", err)
	}
	if got, want := saved.GetInt("version"), c.HeadVersion+1; got != want {
		t.Errorf("version after the editor's save = %d, want %d", got, want)
	}
}

// A copy of the page loaded before another save (a dashboard tab left
// open) still moves the version on: it counts saves, not copies.
func TestStaleCopyStillCountsAVersion(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	p := published(t, app, "en", "ed-stale-copy", "Brush is picked up in spring.")
	stale, err := app.FindRecordById("pages", p.Id)
	if err != nil {
		t.Fatal(err)
	}
	start := p.GetInt("version")
	p.Set("summary", "First")
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	stale.Set("summary", "Second")
	if err := app.Save(stale); err != nil {
		t.Fatal(err)
	}
	if got := stale.GetInt("version"); got != start+2 {
		t.Errorf("two saves from version %d gave version %d, want %d", start, got, start+2)
	}
}
