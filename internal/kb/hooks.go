package kb

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/markdown"
	"github.com/townhall/townhall/internal/search"
)

// searchKind marks pages' entries in the search index.
const searchKind = "page"

// Register keeps rendered HTML and the search index in step with every save
// of a page, whichever way it is saved: the site, an import or the admin UI.
// The index is written in the save's own transaction. Pages and revisions
// are stamped with clk's time (nil is clock.Real).
func Register(app core.App, clk clock.Clock) {
	stampFrom(app, clock.Or(clk))
	app.OnRecordCreate("pages").BindFunc(renderOnSave)
	app.OnRecordUpdate("pages").BindFunc(renderOnSave)
	app.OnRecordCreateExecute("pages").BindFunc(countVersion)
	app.OnRecordUpdateExecute("pages").BindFunc(countVersion)
	app.OnRecordCreateExecute("pages").BindFunc(indexPageAfter)
	app.OnRecordUpdateExecute("pages").BindFunc(indexPageAfter)
	app.OnRecordDeleteExecute("pages").BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return search.Remove(e.App.DB(), e.Record.Id)
	})
}

func renderOnSave(e *core.RecordEvent) error {
	out, err := markdown.Render(e.Record.GetString("body"))
	if err != nil {
		return fmt.Errorf("render page %q: %w", e.Record.GetString("slug"), err)
	}
	e.Record.Set("html", out)
	return e.Next()
}

// countVersion gives the page the next version, in the save's transaction.
// The number is read from the database, not from the record: a copy loaded
// before another save (a dashboard tab left open) still counts one more.
func countVersion(e *core.RecordEvent) error {
	v := 0
	if !e.Record.IsNew() {
		err := e.App.DB().NewQuery("SELECT version FROM pages WHERE id = {:id}").
			Bind(dbx.Params{"id": e.Record.Id}).Row(&v)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read the version of page %s: %w", e.Record.Id, err)
		}
	}
	e.Record.Set("version", v+1)
	return e.Next()
}

func indexPageAfter(e *core.RecordEvent) error {
	if err := e.Next(); err != nil {
		return err
	}
	return IndexPage(e.App, e.Record)
}

// IndexPage puts a published page in the index, or takes it out.
func IndexPage(app core.App, r *core.Record) error {
	if !r.GetBool("published") {
		return search.Remove(app.DB(), r.Id)
	}
	p := pageFromRecord(r)
	var tags []string
	_ = r.UnmarshalJSONField("tags", &tags)
	return search.Put(app.DB(), search.Entry{
		Kind: searchKind, Ref: r.Id, Lang: p.Lang, Path: p.Path(),
		Title: p.Title, Summary: p.Summary, Text: markdown.PlainText(r.GetString("body")), Extra: strings.Join(tags, " "),
	})
}
