package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// search_langs gives each language of the search index a slot, and each
// document's rowid (search_docs.id, the FTS rowid) lies in its language's
// range: slot << 40 up to the next slot's. A search then asks FTS5 for a
// rowid range, so the language costs nothing, where a "lang:len" term in the
// query made every search read and score a term found on every page of the
// language. Existing documents are renumbered into their ranges, in order,
// by copying them into a new index (quicker than moving each row in place:
// FTS5 would read and unindex every old row first); the renumbering table is
// keyed by the old id, so each document's new id is one lookup.
func init() {
	migrations.Register(func(app core.App) error {
		_, err := app.DB().NewQuery(`
			CREATE TABLE search_langs (
				lang TEXT PRIMARY KEY,
				slot INTEGER NOT NULL UNIQUE
			);
			INSERT INTO search_langs (lang, slot)
				SELECT lang, row_number() OVER (ORDER BY lang) FROM (SELECT DISTINCT lang FROM search_docs);
			CREATE TEMP TABLE search_renumber (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
			INSERT INTO search_renumber (old, new)
				SELECT d.id, (l.slot << 40) + row_number() OVER (PARTITION BY d.lang ORDER BY d.id)
				FROM search_docs d JOIN search_langs l ON l.lang = d.lang;
			CREATE VIRTUAL TABLE search_index_new USING fts5(
				lang, title, keywords, body,
				kind UNINDEXED, ref UNINDEXED, path UNINDEXED,
				display_title UNINDEXED, summary UNINDEXED, plain UNINDEXED,
				tokenize = 'unicode61 remove_diacritics 2'
			);
			INSERT INTO search_index_new
				(rowid, lang, title, keywords, body, kind, ref, path, display_title, summary, plain)
				SELECT r.new, s.lang, s.title, s.keywords, s.body, s.kind, s.ref, s.path, s.display_title, s.summary, s.plain
				FROM search_renumber r JOIN search_index s ON s.rowid = r.old ORDER BY r.new;
			DROP TABLE search_index;
			ALTER TABLE search_index_new RENAME TO search_index;
			UPDATE search_docs SET id = (SELECT new FROM search_renumber WHERE old = search_docs.id);
			DROP TABLE search_renumber;`).Execute()
		return err
	}, func(app core.App) error {
		_, err := app.DB().NewQuery("DROP TABLE IF EXISTS search_langs").Execute()
		return err
	})
}
