package kb

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/clock"
)

// stampFrom makes the created and updated times of pages and their
// revisions (what the workspace compares to find outdated translations)
// read clk. PocketBase keeps a time set before the save unless it equals
// the one already stored, so a fake clock must move between two saves of
// one page for "updated" to follow it.
func stampFrom(app core.App, clk clock.Clock) {
	stamp := func(e *core.RecordEvent) error {
		now, err := types.ParseDateTime(clk.Now().UTC())
		if err != nil {
			return fmt.Errorf("stamp %s: %w", e.Record.Collection().Name, err)
		}
		// Autodate fields ignore Set; SetRaw is how PocketBase takes a time.
		if e.Record.IsNew() {
			e.Record.SetRaw("created", now)
		}
		e.Record.SetRaw("updated", now)
		return e.Next()
	}
	for _, c := range []string{"pages", "page_revisions"} {
		app.OnRecordCreate(c).BindFunc(stamp)
		app.OnRecordUpdate(c).BindFunc(stamp)
	}
}
