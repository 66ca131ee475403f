package kb

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
)

// RegisterApproval lets the clerk approve a change in the admin UI: setting
// a pending revision's status to published puts it on the site, in the same
// transaction. today gives the town's date for the page's revised date.
// Binding again replaces the hook, so calling it twice is harmless.
func RegisterApproval(app core.App, today func() time.Time) {
	app.OnRecordUpdate("page_revisions").Bind(&hook.Handler[*core.RecordEvent]{
		Id: "kbApproval",
		Func: func(e *core.RecordEvent) error {
			if e.Record.Original().GetString("status") != StatusPending || e.Record.GetString("status") != StatusPublished {
				return e.Next()
			}
			return e.App.RunInTransaction(func(tx core.App) error {
				e.App = tx
				if err := approve(tx, e.Record, today()); err != nil {
					return err
				}
				return e.Next()
			})
		},
	})
}

// approve publishes a pending revision, unless a newer one was published
// since: approving it would silently undo that change.
func approve(tx core.App, revision *core.Record, today time.Time) error {
	page, err := tx.FindRecordById("pages", revision.GetString("page"))
	if err != nil {
		return fmt.Errorf("approve revision %s: %w", revision.Id, err)
	}
	var newer int
	err = tx.DB().NewQuery(`SELECT count(*) FROM page_revisions WHERE page = {:page} AND status IN ('published', '')
		AND rowid > (SELECT rowid FROM page_revisions WHERE id = {:id})`).
		Bind(dbx.Params{"page": page.Id, "id": revision.Id}).Row(&newer)
	if err != nil {
		return fmt.Errorf("approve revision %s: %w", revision.Id, err)
	}
	if newer > 0 {
		return validation.Errors{"status": validation.NewError("validation_newer_published",
			"A newer version of this page was published after this change was sent. Set this one to rejected, "+
				"and ask the editor to make the change again on the current page.")}
	}
	rev := revisionFromRecord(revision)
	rev.complete(page)
	apply(page, rev.Content, today)
	page.Set("published", true)
	if err := tx.Save(page); err != nil {
		return fmt.Errorf("publish approved revision %s: %w", revision.Id, err)
	}
	return nil
}

// Restore rolls a page back to an earlier revision by saving that content as
// a new revision, published (or sent for approval) when the page is on the
// site, a draft when it is not. Its address stays as it is. e carries the
// author, the base the editor saw, and the approval setting.
func Restore(app core.App, pageID, revisionID string, e Edit) (*core.Record, *Revision, error) {
	page, err := app.FindRecordById("pages", pageID)
	if err != nil {
		return nil, nil, ErrPageNotFound
	}
	old, err := FindRevision(app, page, revisionID)
	if err != nil {
		return nil, nil, err
	}
	e.PageID, e.Content, e.RestoredFrom = page.Id, old.Content, old.ID
	e.Slug = page.GetString("slug")
	e.Publish = page.GetBool("published")
	return Save(app, e)
}
