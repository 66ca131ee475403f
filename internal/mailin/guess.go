package mailin

import (
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/search"
)

// fallbackService takes what no other service fits: "Question for the
// clerk" in the demo town.
const fallbackService = "general"

// guessService picks the service a message to report@ is about. Each
// service scores two points per keyword (a phrase, in the town's default
// language) found in the subject and text, and one per word of its name (in
// lang) found there, counting only words no other service's name has. The
// best score of at least minScore wins (the clerk's order breaks ties);
// failing that, the service the site's search ranks first for the subject;
// failing that, the general inquiry: a question for the clerk. Words of
// street addresses ("Orchard Road") say where, not what, so a keyword made
// of them alone ("road", "street") and the subject's place words are no
// evidence: an email about a fallen tree on a road is not a pothole.
func guessService(app core.App, subject, text, lang, def string) string {
	svcs, err := requests.Services(app, lang, def)
	if err != nil || len(svcs) == 0 {
		return fallbackService
	}
	all := subject + "\n" + clip(text, guessChars) // the topic is at the start
	inDefault, present := terms(all, def), map[string]bool{}
	for _, t := range terms(all, lang) {
		present[t] = true
	}
	names := make([][]string, len(svcs))
	shared := map[string]int{}
	for i, s := range svcs {
		names[i] = search.ParseQuery(s.Name, lang).Terms
		for _, t := range names[i] {
			shared[t]++
		}
	}
	place := placeTerms(def)
	best, bestScore := "", 0
	for i, s := range svcs {
		score := 0
		for _, kw := range strings.Split(s.Keywords, ",") {
			if kt := terms(kw, def); !allIn(kt, place) {
				score += 2 * phraseScore(inDefault, kt)
			}
		}
		for _, t := range names[i] {
			if present[t] && shared[t] == 1 {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = s.Code, score
		}
	}
	if bestScore >= minScore {
		return best
	}
	if code := searchService(app, subject, lang, placeTerms(lang)); code != "" {
		return code
	}
	return fallbackService
}

// guessChars is how much of the text the guess reads.
const guessChars = 2000

// minScore is the least evidence for a guess: one keyword, or two words of
// a service's name.
const minScore = 2

// searchService is the service the site's search ranks first for q
// without its place words, if a service is among the first few hits.
func searchService(app core.App, q, lang string, place map[string]bool) string {
	query := search.ParseQuery(q, lang)
	query.Terms = slices.DeleteFunc(query.Terms, func(t string) bool { return place[t] })
	if len(query.Terms) == 0 {
		return ""
	}
	hits, err := search.Search(app.DB(), query, 3)
	if err != nil {
		return ""
	}
	for _, h := range hits {
		if h.Kind == "service" {
			return h.Path[strings.LastIndexByte(h.Path, '/')+1:]
		}
	}
	return ""
}

// placeWords are the words of street addresses, by language.
var placeWords = map[string]string{
	"en": "street road avenue lane drive way boulevard court place highway route sidewalk corner",
	"es": "calle avenida camino carretera paseo plaza acera esquina",
}

// placeTerms are lang's place words as the search analyser reduces them.
func placeTerms(lang string) map[string]bool {
	out := map[string]bool{}
	for _, t := range terms(placeWords[lang], lang) {
		out[t] = true
	}
	return out
}

// allIn reports whether ts is not empty and each of ts is in set.
func allIn(ts []string, set map[string]bool) bool {
	for _, t := range ts {
		if !set[t] {
			return false
		}
	}
	return len(ts) > 0
}

func terms(text, lang string) []string {
	words := search.Words(text, lang)
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = w.Term
	}
	return out
}

// phraseScore is the phrase's length in words if it occurs in text (as
// consecutive terms), else 0: "street light" outweighs "street".
func phraseScore(text, phrase []string) int {
	if len(phrase) == 0 {
		return 0
	}
	for i := 0; i+len(phrase) <= len(text); i++ {
		match := true
		for j, p := range phrase {
			if text[i+j] != p {
				match = false
				break
			}
		}
		if match {
			return len(phrase)
		}
	}
	return 0
}
