package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/search"
)

const searchResults = 20

// searchData splits the hits: help articles answer the question, and the
// services one can request come after them, in their own box.
type searchData struct {
	Query    string
	Pages    []search.Hit
	Services []search.Hit
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
		hits, err := search.Search(e.App.DB(), search.ParseQuery(q, lang), searchResults)
		if err != nil {
			return h.fail(e, lang, err)
		}
		for _, hit := range hits {
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
