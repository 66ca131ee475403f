package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// search_titles indexes each document's title and keywords (summary and
// tags) again, on their own, under the same rowid as in search_index. A
// search looks at titles first, and in search_index the doclist of a word
// names every page that has it anywhere, so finding the few titles that
// have it meant reading, and filtering by column, the doclist of every
// page whose body has it (5 ms a search with 50,000 pages a language).
// Here the doclists are as short as the titles are few. It keeps its own
// copy of the terms, a small fraction of the index, so that rows are
// deleted by rowid like any table's.
func init() {
	migrations.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			CREATE VIRTUAL TABLE search_titles USING fts5(
				title, keywords,
				tokenize = 'unicode61 remove_diacritics 2'
			);
			INSERT INTO search_titles (rowid, title, keywords)
				SELECT rowid, title, keywords FROM search_index ORDER BY rowid;`).Execute()
		return err
	}, func(app core.App) error {
		_, err := app.DB().NewQuery("DROP TABLE IF EXISTS search_titles").Execute()
		return err
	})
}
