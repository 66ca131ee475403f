package search

import (
	"fmt"
	"html"
	"html/template"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
)

// Hit is one search result.
type Hit struct {
	Kind    string
	Path    string
	Title   string
	Summary string
	Snippet template.HTML // escaped text with the matched words in <mark>
}

const (
	maxQueryBytes = 500 // longer input is cut: no one types more to search
	maxQueryTerms = 12
	snippetWords  = 30
)

// Query is a visitor's search, reduced to index terms. Anything they type is
// safe: only letters and digits reach the FTS query, always quoted.
type Query struct {
	Lang  string
	Terms []string
}

// ParseQuery reduces free text to the terms to look up in lang.
func ParseQuery(q, lang string) Query {
	if len(q) > maxQueryBytes {
		q = q[:maxQueryBytes]
		for !utf8.ValidString(q) {
			q = q[:len(q)-1]
		}
	}
	stop := stopwords[lang]
	var all, content []string
	seen := map[string]bool{}
	for _, w := range Words(q, lang) {
		if seen[w.Term] {
			continue
		}
		seen[w.Term] = true
		all = append(all, w.Term)
		if !stop[Fold(strings.ToLower(q[w.Start:w.End]))] {
			content = append(content, w.Term)
		}
	}
	if len(content) > 0 {
		all = content
	}
	if len(all) > maxQueryTerms {
		all = all[:maxQueryTerms]
	}
	return Query{Lang: lang, Terms: all}
}

// maxExpansions bounds the indexed terms a typed term of four letters or
// more stands for (itself and the longer terms it begins).
const maxExpansions = 8

// match builds the FTS5 expression: every term (or any, with op OR) in the
// given columns. Each term of four letters or more also matches the longer
// terms it begins, so a stem like "recicl" also finds "reciclaje"; those are
// listed (expand), since an FTS5 prefix query merges every matching term's
// rowids in memory before it can return one.
func match(columns, op string, terms [][]string) string {
	parts := make([]string, len(terms))
	for i, alts := range terms {
		quoted := make([]string, len(alts))
		for j, t := range alts {
			quoted[j] = `"` + t + `"`
		}
		parts[i] = "(" + strings.Join(quoted, " OR ") + ")"
	}
	return fmt.Sprintf(`{%s}:(%s)`, columns, strings.Join(parts, " "+op+" "))
}

// expand gives each term of q with the longer terms of the vocabulary it
// begins, when it has four letters or more: at most maxExpansions for each.
func (q Query) expand(db dbx.Builder) ([][]string, error) {
	out := make([][]string, len(q.Terms))
	for i, t := range q.Terms {
		out[i] = []string{t}
		if utf8.RuneCountInString(t) < 4 {
			continue
		}
		var longer []string
		err := db.NewQuery(`SELECT DISTINCT term FROM search_words
			WHERE lang = {:lang} AND term > {:t} AND term < {:end} ORDER BY term LIMIT {:n}`).
			Bind(dbx.Params{"lang": q.Lang, "t": t, "end": t + "\xff", "n": maxExpansions - 1}).Column(&longer)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", t, err)
		}
		out[i] = append(out[i], longer...)
	}
	return out, nil
}

// Search returns up to limit hits for q, best first, ranked by bm25 with the
// title weighted ten times the body and summary and tags four times. When no
// document has every word, it falls back to documents with any of them.
//
// Documents whose title, summary or tags match come first (they would rank
// first anyway), found in their own index (search_titles); the bodies are
// searched only when those are too few. This keeps a search for a word
// found on most pages fast: bm25 then scores the few hundred titles that
// have it, not thousands of bodies, and no pass scores more than maxRanked.
func Search(db dbx.Builder, q Query, limit int) ([]Hit, error) {
	return search(db, q, limit, maxRanked)
}

// maxRanked bounds the matches bm25 scores in one pass. Scoring costs a
// few microseconds a match, so a broad search of tens of thousands of
// pages would take tens of milliseconds; past this many matches only the
// newest ones (the highest rowids: the pages published last) are ranked.
// A town's help site has far fewer pages, so for it every match is
// ranked; and the title pass, which finds the best hits, is seldom capped.
const maxRanked = 1000

// search is Search ranking at most ranked matches in each pass.
func search(db dbx.Builder, q Query, limit, ranked int) ([]Hit, error) {
	if len(q.Terms) == 0 {
		return nil, nil
	}
	lo, hi, ok, err := langRange(db, q.Lang)
	if err != nil || !ok {
		return nil, err
	}
	terms, err := q.expand(db)
	if err != nil {
		return nil, err
	}
	s := searcher{db: db, q: q, lo: lo, hi: hi, limit: limit, ranked: ranked}
	for _, op := range []string{"AND", "OR"} {
		if op == "OR" && len(q.Terms) == 1 {
			break
		}
		hits, err := s.search(titles, match("title keywords", op, terms))
		if err != nil {
			return nil, err
		}
		if len(hits) < limit {
			more, err := s.search(everything, match("title keywords body", op, terms))
			if err != nil {
				return nil, err
			}
			hits = merge(hits, more, limit)
		}
		if len(hits) > 0 {
			return hits, nil
		}
	}
	return nil, nil
}

// merge appends the hits of more that are not in hits, up to limit.
func merge(hits, more []Hit, limit int) []Hit {
	seen := make(map[string]bool, len(hits))
	for _, h := range hits {
		seen[h.Path] = true
	}
	for _, h := range more {
		if len(hits) >= limit {
			break
		}
		if !seen[h.Path] {
			hits = append(hits, h)
		}
	}
	return hits
}

// A table is an FTS5 table a search pass looks in, with the bm25 weights
// of its columns. Both number a document with the same rowid.
type table struct{ name, weights string }

var (
	// titles has each document's title and keywords (summary and tags), so
	// that finding the few pages with a word in their title does not read
	// the doclist of every page with it in the body.
	titles = table{"search_titles", "10.0, 4.0"}
	// everything has every word of each document, and its stored text;
	// the lang column is not searched.
	everything = table{"search_index", "0.0, 10.0, 4.0, 1.0"}
)

// rankedSQL finds the best hits in t among the {:ranked} newest matches.
// FTS5 walks the matches in the language's rowid range down from the
// newest, and bm25 scores each as it comes, stopping at {:ranked}; SQLite
// keeps the best LIMIT (rowid, score) pairs of those; then the stored text
// of those few is read. FTS5's own "ORDER BY rank" would score every match
// and sort them all, and sorting whole rows would drag every match's text
// along. TestSearchPlan checks the plan.
func (t table) rankedSQL() string {
	return `WITH newest AS MATERIALIZED (
		SELECT rowid AS id, bm25(` + t.name + `, ` + t.weights + `) AS score FROM ` + t.name + `
		WHERE ` + t.name + ` MATCH {:match} AND rowid >= {:lo} AND rowid < {:hi}
		ORDER BY rowid DESC LIMIT {:ranked}),
	top AS (SELECT id, score FROM newest ORDER BY score LIMIT {:limit})
	SELECT s.kind, s.path, s.display_title, s.summary, s.plain
	FROM top JOIN search_index s ON s.rowid = top.id ORDER BY top.score`
}

// searcher runs the searches of one query in its language's rowid range.
type searcher struct {
	db     dbx.Builder
	q      Query
	lo, hi int64
	limit  int
	ranked int // the most matches a pass scores (maxRanked)
}

// search returns the best s.limit hits of the FTS5 expression match in t,
// among its s.ranked newest matches.
func (s searcher) search(t table, match string) ([]Hit, error) {
	var rows []struct {
		Kind    string `db:"kind"`
		Path    string `db:"path"`
		Title   string `db:"display_title"`
		Summary string `db:"summary"`
		Plain   string `db:"plain"`
	}
	err := s.db.NewQuery(t.rankedSQL()).
		Bind(dbx.Params{"match": match, "lo": s.lo, "hi": s.hi, "ranked": s.ranked, "limit": s.limit}).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", s.q.Terms, err)
	}
	hits := make([]Hit, len(rows))
	m := s.q.marker()
	for i, r := range rows {
		hits[i] = Hit{Kind: r.Kind, Path: r.Path, Title: r.Title, Summary: r.Summary, Snippet: m.snippet(r.Plain)}
	}
	return hits, nil
}

// Snippet picks the stretch of text with the most query words and marks
// them. It returns escaped HTML: text is escaped, only <mark> is added.
func Snippet(text string, q Query) template.HTML { return q.marker().snippet(text) }

// marker finds the query's words in texts. It remembers each distinct word
// it has looked at: stemming and folding every word of every hit again
// cost more than the search itself, and a few words make most of a text.
type marker struct {
	q     Query
	known map[string]bool
}

func (q Query) marker() marker { return marker{q: q, known: map[string]bool{}} }

// matches reports whether word is one of the query's words.
func (m marker) matches(word string) bool {
	hit, ok := m.known[word]
	if !ok {
		hit = m.q.matchesWord(word)
		m.known[word] = hit
	}
	return hit
}

// snippet is Snippet with the words m has already seen remembered.
func (m marker) snippet(text string) template.HTML {
	words := splitWords(text)
	if len(words) == 0 {
		return ""
	}
	hit := make([]bool, len(words))
	for i, w := range words {
		hit[i] = m.matches(text[w.Start:w.End])
	}
	best, bestScore := 0, -1
	score := 0
	for i := range words {
		if hit[i] {
			score++
		}
		if i >= snippetWords && hit[i-snippetWords] {
			score--
		}
		if score > bestScore {
			best, bestScore = max(0, i-snippetWords+1), score
		}
	}
	end := min(len(words), best+snippetWords)
	var b strings.Builder
	if best > 0 {
		b.WriteString("… ")
	}
	from := words[best].Start
	for i := best; i < end; i++ {
		w := words[i]
		b.WriteString(html.EscapeString(text[from:w.Start]))
		if hit[i] {
			b.WriteString("<mark>" + html.EscapeString(text[w.Start:w.End]) + "</mark>")
		} else {
			b.WriteString(html.EscapeString(text[w.Start:w.End]))
		}
		from = w.End
	}
	if end < len(words) {
		b.WriteString(" …")
	}
	return template.HTML(strings.ReplaceAll(b.String(), "\n", " "))
}

// matchesWord reports whether a word of the text is one of the query's
// terms. A stem is almost always a prefix of its folded word, so words that
// do not share a term's first letters are skipped without stemming.
func (q Query) matchesWord(word string) bool {
	folded := Fold(strings.ToLower(word))
	candidate := false
	for _, t := range q.Terms {
		n := min(3, len(t))
		if strings.HasPrefix(folded, t[:n]) {
			candidate = true
			break
		}
	}
	return candidate && q.matches(Term(word, q.Lang))
}

func (q Query) matches(term string) bool {
	for _, t := range q.Terms {
		if term == t || (utf8.RuneCountInString(t) >= 4 && strings.HasPrefix(term, t)) {
			return true
		}
	}
	return false
}
