package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
)

// The vocabulary (table search_words) is every word the index has seen in
// each language, lower case and folded, with the term it is indexed under.
// It is what "Did you mean…" picks from: a word typed that is not in the
// index is compared, by edit distance, with the words of the vocabulary
// that start with the same letter. Words of removed documents stay (the
// table only grows with new words); a suggestion is offered only when it
// finds something, so a stale word is never shown.

// wordsPerInsert bounds the rows of one INSERT (3 parameters each).
const wordsPerInsert = 300

// putWords adds the words of texts to lang's vocabulary.
func putWords(db dbx.Builder, lang string, texts ...string) error {
	seen := map[string]bool{}
	var words []string
	for _, text := range texts {
		for _, w := range splitWords(text) {
			word := Fold(strings.ToLower(text[w.Start:w.End]))
			if !seen[word] && vocabularyWord(word) {
				seen[word] = true
				words = append(words, word)
			}
		}
	}
	for len(words) > 0 {
		n := min(len(words), wordsPerInsert)
		if err := insertWords(db, lang, words[:n]); err != nil {
			return err
		}
		words = words[n:]
	}
	return nil
}

// vocabularyWord reports whether a word is worth suggesting: three letters
// or more, and not a number.
func vocabularyWord(w string) bool {
	if utf8.RuneCountInString(w) < 3 || len(w) > 40 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLetter(r)
}

func insertWords(db dbx.Builder, lang string, words []string) error {
	var sql strings.Builder
	sql.WriteString("INSERT OR IGNORE INTO search_words (lang, word, term) VALUES ")
	params := dbx.Params{"lang": lang}
	for i, w := range words {
		if i > 0 {
			sql.WriteByte(',')
		}
		fmt.Fprintf(&sql, "({:lang}, {:w%d}, {:t%d})", i, i)
		params[fmt.Sprintf("w%d", i)] = w
		params[fmt.Sprintf("t%d", i)] = Term(w, lang)
	}
	if _, err := db.NewQuery(sql.String()).Bind(params).Execute(); err != nil {
		return fmt.Errorf("index words: %w", err)
	}
	return nil
}

// FillWords builds the vocabulary from the documents already indexed, once:
// for a database indexed before the vocabulary existed. It does nothing
// when the vocabulary has words.
func FillWords(db dbx.Builder) error {
	var any int
	if err := db.NewQuery("SELECT EXISTS (SELECT 1 FROM search_words)").Row(&any); err != nil {
		return fmt.Errorf("read the search vocabulary: %w", err)
	}
	if any == 1 {
		return nil
	}
	var docs []struct {
		Lang    string `db:"lang"`
		Title   string `db:"display_title"`
		Summary string `db:"summary"`
		Plain   string `db:"plain"`
	}
	err := db.NewQuery(`SELECT d.lang, s.display_title, s.summary, s.plain
		FROM search_docs d JOIN search_index s ON s.rowid = d.id`).All(&docs)
	if err != nil {
		return fmt.Errorf("read the search index: %w", err)
	}
	for _, d := range docs {
		if err := putWords(db, d.Lang, d.Title, d.Summary, d.Plain); err != nil {
			return err
		}
	}
	return nil
}

// Suggest returns text with each word the index does not know in lang
// replaced by the nearest word it knows (one typo for short words, two for
// longer ones), or "" when no word needed or found a replacement.
func Suggest(db dbx.Builder, text, lang string) (string, error) {
	if len(text) > maxQueryBytes {
		return "", nil
	}
	var b strings.Builder
	from, changed := 0, false
	for _, w := range splitWords(text) {
		typed := Fold(strings.ToLower(text[w.Start:w.End]))
		fix, err := nearest(db, typed, lang)
		if err != nil {
			return "", err
		}
		if fix == "" {
			continue
		}
		b.WriteString(text[from:w.Start])
		b.WriteString(fix)
		from, changed = w.End, true
	}
	if !changed {
		return "", nil
	}
	b.WriteString(text[from:])
	return b.String(), nil
}

// nearest is the known word closest to typed, or "" when typed is known,
// too short or a stop word, or nothing is near enough.
func nearest(db dbx.Builder, typed, lang string) (string, error) {
	n := utf8.RuneCountInString(typed)
	if !vocabularyWord(typed) || stopwords[lang][typed] {
		return "", nil
	}
	var known int
	err := db.NewQuery("SELECT EXISTS (SELECT 1 FROM search_words WHERE lang = {:lang} AND term = {:term})").
		Bind(dbx.Params{"lang": lang, "term": Term(typed, lang)}).Row(&known)
	if err != nil || known == 1 {
		return "", err
	}
	first, _ := utf8.DecodeRuneInString(typed)
	var words []string
	err = db.NewQuery(`SELECT word FROM search_words WHERE lang = {:lang} AND word >= {:lo} AND word < {:hi}
		AND length(word) BETWEEN {:short} AND {:long}`).
		Bind(dbx.Params{"lang": lang, "lo": string(first), "hi": string(first + 1), "short": n - 2, "long": n + 2}).
		Column(&words)
	if err != nil {
		return "", fmt.Errorf("suggest for %q: %w", typed, err)
	}
	limit := 1
	if n > 4 {
		limit = 2
	}
	best, bestDist := "", limit+1
	for _, w := range words {
		if d := distance(typed, w, limit+1); d < bestDist || (d == bestDist && d <= limit && closerLength(w, best, n)) {
			best, bestDist = w, d
		}
	}
	if bestDist > limit {
		return "", nil
	}
	return best, nil
}

// closerLength reports whether a is nearer than b to n runes long (on a tie,
// the first in alphabetical order).
func closerLength(a, b string, n int) bool {
	da, db := abs(utf8.RuneCountInString(a)-n), abs(utf8.RuneCountInString(b)-n)
	return da < db || (da == db && a < b)
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// distance is the edit distance between a and b, counting a swap of two
// neighbouring letters as one edit ("recylcing"). It stops early and
// returns limit once every path is at least limit.
func distance(a, b string, limit int) int {
	s, t := []rune(a), []rune(b)
	if abs(len(s)-len(t)) >= limit {
		return limit
	}
	prev2 := make([]int, len(t)+1)
	prev := make([]int, len(t)+1)
	cur := make([]int, len(t)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(s); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin >= limit {
			return limit
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(t)], limit)
}
