package kb

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/search"
)

// Answer is what a help page says to a resident's question, quoted word for
// word: the page's `answer` line when it has one, else its summary. The
// program never writes an answer of its own: every channel (a text, the
// Ask page, an email's auto-reply) shows this sentence and its page.
type Answer struct {
	Text  string // the sentence, as the page has it
	Title string // the page's title
	Path  string // the page's address on the site, e.g. /en/help/waste/trash
	Lang  string
}

// answerHits is how many search hits are looked through for a page.
const answerHits = 5

// FindAnswer is the best page for question in lang, and false when the
// help pages have none. A misspelt word is corrected from the words the
// help pages use, and the corrected question is preferred when it finds a
// page ("trahs pikcup" → "trash pickup").
func FindAnswer(app core.App, question, lang string) (Answer, bool, error) {
	res, err := search.Find(app.DB(), question, lang, nil, answerHits)
	if err != nil {
		return Answer{}, false, fmt.Errorf("find an answer: %w", err)
	}
	hits := res.Hits
	if res.Suggestion != "" {
		fixed, err := search.Search(app.DB(), search.ParseQuery(res.Suggestion, lang), answerHits)
		if err != nil {
			return Answer{}, false, fmt.Errorf("find an answer: %w", err)
		}
		hits = append(fixed, hits...)
	}
	for _, h := range hits {
		if h.Kind != searchKind {
			continue
		}
		a, ok, err := answerAt(app, h.Path)
		if err != nil || ok {
			return a, ok, err
		}
	}
	return Answer{}, false, nil
}

// answerAt reads the answer of the published page at path.
func answerAt(app core.App, path string) (Answer, bool, error) {
	parts := strings.Split(strings.Trim(path, "/"), "/") // lang, help, section, slug
	if len(parts) != 4 {
		return Answer{}, false, nil
	}
	r, err := app.FindFirstRecordByFilter("pages", "language = {:lang} && slug = {:slug} && published = true",
		dbx.Params{"lang": parts[0], "slug": parts[3]})
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Answer{}, false, nil
		}
		return Answer{}, false, fmt.Errorf("read the answer's page: %w", err)
	}
	text := strings.TrimSpace(r.GetString("answer"))
	if text == "" {
		text = strings.TrimSpace(r.GetString("summary"))
	}
	if text == "" {
		return Answer{}, false, nil
	}
	return Answer{Text: text, Title: r.GetString("title"), Path: path, Lang: parts[0]}, true, nil
}

// questionWords open a sentence that asks, by language.
var questionWords = map[string][]string{
	"en": {"when", "what", "where", "how", "who", "why", "which", "is", "are", "do", "does", "can", "could", "will", "should", "may", "am"},
	"es": {"cuando", "que", "donde", "como", "quien", "por", "cual", "cuanto", "cuanta", "cuantos", "hay", "puedo", "se", "debo", "tengo", "es", "esta"},
}

// IsQuestion reports whether text reads like a question rather than a
// report of a problem: it has a question mark, or it opens with a word
// that asks ("when", "cuándo").
func IsQuestion(text, lang string) bool {
	t := strings.TrimSpace(text)
	if strings.ContainsAny(t, "?¿") {
		return true
	}
	words := strings.Fields(strings.ToLower(t))
	if len(words) == 0 {
		return false
	}
	first := search.Fold(strings.Trim(words[0], ".,;:!¡"))
	for _, l := range []string{lang, "en", "es"} {
		for _, w := range questionWords[l] {
			if first == w {
				return true
			}
		}
	}
	return false
}
