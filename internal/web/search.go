package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
)

const searchResults = 20

type searchData struct {
	Query string
	Hits  []kb.Hit
}

// search shows knowledge-base articles and services matching ?q=, or, with
// none, the way to ask the clerk. Any input is safe: kb reduces it to words.
func (h *Handler) search(e *core.RequestEvent, lang string) error {
	q := e.Request.URL.Query().Get("q")
	v := h.view(e, lang, "/search")
	v.NoIndex = true
	v.Query = q
	d := searchData{Query: q}
	if q != "" {
		hits, err := kb.Search(e.App.DB(), kb.ParseQuery(q, lang), searchResults)
		if err != nil {
			return h.fail(e, lang, err)
		}
		d.Hits = hits
		v.Title = h.bundle.T(lang, "search.title_for", map[string]any{"Query": q})
	} else {
		v.Title = h.bundle.T(lang, "search.title", nil)
	}
	v.Data = d
	return h.render(e, 200, "search", v)
}
