// Package search is the full-text index over every searchable record (help
// pages, services): SQLite FTS5 with Snowball stems and diacritics folded,
// ranked by bm25 with the title weighted most, with highlighted snippets.
// Each domain puts its own records in; search knows none of them.
package search

import (
	"strings"
	"sync"
	"unicode"

	"github.com/kljensen/snowball"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// stemmers maps a language code to its Snowball stemmer. A language without
// one is still searchable, by folded whole words.
var stemmers = map[string]string{
	"en": "english", "es": "spanish", "fr": "french", "ru": "russian",
	"sv": "swedish", "no": "norwegian", "hu": "hungarian",
}

// Word is one word of a text, with where it is and the term it is indexed as.
type Word struct {
	Start, End int // byte offsets in the original text
	Term       string
}

// Words splits text into words (runs of letters and digits) and gives each
// the term it is indexed under in lang.
func Words(text, lang string) []Word {
	words := splitWords(text)
	out := words[:0]
	for _, w := range words {
		if w.Term = Term(text[w.Start:w.End], lang); w.Term != "" {
			out = append(out, w)
		}
	}
	return out
}

// splitWords finds the words of text, without terms.
func splitWords(text string) []Word {
	var out []Word
	start := -1
	flush := func(end int) {
		if start >= 0 {
			out = append(out, Word{Start: start, End: end})
			start = -1
		}
	}
	for i, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if start < 0 {
				start = i
			}
			continue
		}
		flush(i)
	}
	flush(len(text))
	return out
}

// Term is the indexed form of one word: lower case, stemmed in its language,
// then with diacritics removed, so "Reciclaje", "reciclar" and "RECICLAR"
// meet, and "construcción" matches "construccion".
func Term(word, lang string) string {
	w := strings.ToLower(word)
	if name, ok := stemmers[lang]; ok && len(w) > 2 {
		if s, err := snowball.Stem(w, name, false); err == nil && s != "" {
			w = s
		}
	}
	return Fold(w)
}

// folders are reusable chains that decompose, drop the marks and compose
// again: a new chain allocates its buffers (kilobytes) on every call.
var folders = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// Fold removes diacritics, so "construcción" becomes "construccion".
func Fold(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	t := folders.Get().(transform.Transformer)
	defer folders.Put(t)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// Terms returns the space-separated terms of text, as stored in the index.
func Terms(text, lang string) string {
	words := Words(text, lang)
	var b strings.Builder
	b.Grow(len(text))
	for i, w := range words {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w.Term)
	}
	return b.String()
}
