package requests

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/search"
)

// searchKind marks services' entries in the search index.
const searchKind = "service"

// registerSearch keeps the search index in step with every save of a
// service, whichever way it is saved, in the save's own transaction.
func (d *Domain) registerSearch(app core.App) {
	index := func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		t := d.Town.Get()
		return IndexService(e.App, e.Record, t.Languages, t.DefaultLanguage)
	}
	app.OnRecordCreateExecute("services").BindFunc(index)
	app.OnRecordUpdateExecute("services").BindFunc(index)
	app.OnRecordDeleteExecute("services").BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return search.Remove(e.App.DB(), e.Record.Id)
	})
}

// IndexService puts an active service in the index once per language, in
// that language's words where it has them, or takes an inactive one out.
func IndexService(app core.App, r *core.Record, langs []string, def string) error {
	if !r.GetBool("active") {
		return search.Remove(app.DB(), r.Id)
	}
	for _, lang := range langs {
		name, _ := i18n.Text(r, "name", lang, def)
		desc, _ := i18n.Text(r, "description", lang, def)
		need, _ := i18n.Text(r, "what_you_need", lang, def)
		err := search.Put(app.DB(), search.Entry{
			Kind: searchKind, Ref: r.Id, Lang: lang, Path: "/" + lang + "/services/" + r.GetString("code"),
			Title: name, Summary: desc, Text: need, Extra: r.GetString("keywords"),
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// ReindexServices rebuilds the index entries of every service in langs,
// e.g. after the town offers another language.
func ReindexServices(app core.App, langs []string, def string) error {
	return app.RunInTransaction(func(tx core.App) error {
		if err := search.RemoveKind(tx.DB(), searchKind); err != nil {
			return err
		}
		services, err := tx.FindAllRecords("services")
		if err != nil {
			return fmt.Errorf("reindex services: %w", err)
		}
		for _, s := range services {
			if err := IndexService(tx, s, langs, def); err != nil {
				return err
			}
		}
		return nil
	})
}
