package search

import "github.com/pocketbase/dbx"

// Results is what a search page shows: the hits in the visitor's language,
// a corrected search when words were not found, and, when nothing was
// found, the hits in another language of the site.
type Results struct {
	Hits       []Hit
	Suggestion string // the text with its unknown words corrected; "" if none finds anything
	OtherLang  string // the language of OtherHits
	OtherHits  []Hit
}

// otherLimit bounds the hits shown from another language.
const otherLimit = 5

// Find searches text in lang. It suggests a correction when a word is not
// in the index and the corrected text finds something; when lang has no
// hit, it looks in the other languages (in order) and keeps the first
// that has hits.
func Find(db dbx.Builder, text, lang string, others []string, limit int) (Results, error) {
	var r Results
	var err error
	if r.Hits, err = Search(db, ParseQuery(text, lang), limit); err != nil {
		return r, err
	}
	fix, err := Suggest(db, text, lang)
	if err != nil {
		return r, err
	}
	if fix != "" {
		found, err := Search(db, ParseQuery(fix, lang), 1)
		if err != nil {
			return r, err
		}
		if len(found) > 0 {
			r.Suggestion = fix
		}
	}
	if len(r.Hits) > 0 {
		return r, nil
	}
	for _, other := range others {
		if other == lang {
			continue
		}
		if r.OtherHits, err = Search(db, ParseQuery(text, other), otherLimit); err != nil {
			return r, err
		}
		if len(r.OtherHits) > 0 {
			r.OtherLang = other
			break
		}
	}
	return r, nil
}
