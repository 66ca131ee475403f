package kb

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/markdown"
	"github.com/townhall/townhall/internal/search"
)

// searchKind marks pages' entries in the search index.
const searchKind = "page"

// Register keeps rendered HTML and the search index in step with every save
// of a page, whichever way it is saved: the site, an import or the admin UI.
// The index is written in the save's own transaction.
func Register(app core.App) {
	app.OnRecordCreate("pages").BindFunc(renderOnSave)
	app.OnRecordUpdate("pages").BindFunc(renderOnSave)
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
