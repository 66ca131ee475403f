package kb

import (
	"fmt"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
)

// Languages tells the kb which languages the town offers, default first.
type Languages func() (langs []string, defaultLang string)

// Register keeps rendered HTML and the search index in step with every save
// of a page or service, whichever way it is saved: the site, an import or
// the admin UI. The index is written in the save's own transaction.
func Register(app core.App, langs Languages) {
	app.OnRecordCreate("pages").BindFunc(renderOnSave)
	app.OnRecordUpdate("pages").BindFunc(renderOnSave)
	app.OnRecordCreateExecute("pages").BindFunc(indexPageAfter)
	app.OnRecordUpdateExecute("pages").BindFunc(indexPageAfter)
	app.OnRecordDeleteExecute("pages", "services").BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return Remove(e.App.DB(), e.Record.Id)
	})
	indexService := func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		all, def := langs()
		return IndexService(e.App, e.Record, all, def)
	}
	app.OnRecordCreateExecute("services").BindFunc(indexService)
	app.OnRecordUpdateExecute("services").BindFunc(indexService)
}

func renderOnSave(e *core.RecordEvent) error {
	out, err := Render(e.Record.GetString("body"))
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
		return Remove(app.DB(), r.Id)
	}
	p := pageFromRecord(r)
	var tags []string
	_ = r.UnmarshalJSONField("tags", &tags)
	return Put(app.DB(), Entry{
		Kind: "page", Ref: r.Id, Lang: p.Lang, Path: p.Path(),
		Title: p.Title, Summary: p.Summary, Text: PlainText(r.GetString("body")), Extra: strings.Join(tags, " "),
	})
}

// IndexService puts an active service in the index once per language, in
// that language's words where it has them.
func IndexService(app core.App, r *core.Record, langs []string, def string) error {
	if !r.GetBool("active") {
		return Remove(app.DB(), r.Id)
	}
	for _, lang := range langs {
		name, _ := i18n.Text(r, "name", lang, def)
		desc, _ := i18n.Text(r, "description", lang, def)
		need, _ := i18n.Text(r, "what_you_need", lang, def)
		err := Put(app.DB(), Entry{
			Kind: "service", Ref: r.Id, Lang: lang, Path: "/" + lang + "/services/" + r.GetString("code"),
			Title: name, Summary: desc, Text: need, Extra: r.GetString("keywords"),
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Reindex rebuilds the whole index from the database, e.g. after a language
// is added.
func Reindex(app core.App, langs []string, def string) error {
	return app.RunInTransaction(func(tx core.App) error {
		if _, err := tx.DB().NewQuery("DELETE FROM search_index; DELETE FROM search_docs").Execute(); err != nil {
			return err
		}
		pages, err := tx.FindAllRecords("pages")
		if err != nil {
			return err
		}
		for _, p := range pages {
			if err := IndexPage(tx, p); err != nil {
				return err
			}
		}
		services, err := tx.FindAllRecords("services")
		if err != nil {
			return err
		}
		for _, s := range services {
			if err := IndexService(tx, s, langs, def); err != nil {
				return err
			}
		}
		return nil
	})
}
