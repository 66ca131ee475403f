package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/search"
)

const searchResults = 20

// searchData splits the hits: help articles answer the question, and the
// services one can request come after them, in their own box.
type searchData struct {
	Query      string
	Pages      []search.Hit
	Services   []search.Hit
	Suggestion string       // the query with its typos corrected
	OtherLang  string       // a language that has hits when this one has none
	OtherHits  []search.Hit // those hits
}

// search shows knowledge-base articles and services matching ?q=, or, with
// none, the way to ask the clerk. Any input is safe: kb reduces it to words.
func (h *Handler) search(e *core.RequestEvent, lang string) error {
	q := e.Request.URL.Query().Get("q")
	v := h.view(e, lang, "/search")
	v.NoIndex = true
	v.Query = q
	v.Description = h.bundle.T(lang, "search.description", map[string]any{"Town": v.TownName})
	d := searchData{Query: q}
	if q != "" {
		res, err := search.Find(e.App.DB(), q, lang, v.Town.Languages, searchResults)
		if err != nil {
			return h.fail(e, lang, err)
		}
		d.Suggestion, d.OtherLang, d.OtherHits = res.Suggestion, res.OtherLang, res.OtherHits
		for _, hit := range res.Hits {
			if hit.Kind == "service" {
				d.Services = append(d.Services, hit)
			} else {
				d.Pages = append(d.Pages, hit)
			}
		}
		v.Title = h.bundle.T(lang, "search.title_for", map[string]any{"Query": q})
	} else {
		v.Title = h.bundle.T(lang, "search.title", nil)
	}
	v.Data = d
	return h.render(e, 200, "search", v)
}
