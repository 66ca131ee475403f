package schema

import (
	"github.com/pocketbase/pocketbase/migrations"
)

// The search index is an FTS5 table, not a collection: the kb package fills it
// with folded, stemmed terms per language, so "recycle" finds "recycling".
// search_docs gives each (record, language) a stable FTS rowid, so a page is
// re-indexed by rowid instead of a scan.
func init() {
	migrations.Register(exec(`
			CREATE TABLE search_docs (
				id INTEGER PRIMARY KEY AUTOINCREMENT,
				ref TEXT NOT NULL,
				lang TEXT NOT NULL,
				UNIQUE (ref, lang)
			);
			CREATE VIRTUAL TABLE search_index USING fts5(
				lang, title, keywords, body,
				kind UNINDEXED, ref UNINDEXED, path UNINDEXED,
				display_title UNINDEXED, summary UNINDEXED, plain UNINDEXED,
				tokenize = 'unicode61 remove_diacritics 2'
			);`), exec("DROP TABLE IF EXISTS search_index; DROP TABLE IF EXISTS search_docs"))
}
