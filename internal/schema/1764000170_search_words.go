package schema

import (
	"github.com/pocketbase/pocketbase/migrations"
)

// search_words is the search index's vocabulary: every word seen in each
// language (folded, lower case) with the term it is indexed under, so a
// search for a word the index does not know can offer the nearest one it
// does ("recyling" → "recycling"). Not a collection: the search package
// fills it beside search_index, and at start-up from an index built before
// it existed.
func init() {
	migrations.Register(exec(`
			CREATE TABLE search_words (
				lang TEXT NOT NULL,
				word TEXT NOT NULL,
				term TEXT NOT NULL,
				PRIMARY KEY (lang, word)
			) WITHOUT ROWID;
			CREATE INDEX search_words_term ON search_words (lang, term);`), exec("DROP TABLE IF EXISTS search_words"))
}
