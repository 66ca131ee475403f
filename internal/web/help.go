package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
)

type helpSection struct {
	Key   string
	Pages []*kb.Page
}

// helpIndex lists every section of the knowledge base with its articles.
func (h *Handler) helpIndex(e *core.RequestEvent, lang string) error {
	v := h.view(e, lang, "/help")
	pages, err := kb.List(e.App, lang, "", "")
	if err != nil {
		return h.fail(e, lang, err)
	}
	v.Title = h.bundle.T(lang, "help.title", nil)
	v.Data = h.group(pages)
	return h.render(e, 200, "help", v)
}

// helpSection lists the articles of one section.
func (h *Handler) helpSection(e *core.RequestEvent, lang string) error {
	section := e.Request.PathValue("section")
	pages, err := kb.List(e.App, lang, section, "")
	if err != nil {
		return h.fail(e, lang, err)
	}
	if len(pages) == 0 {
		return h.notFound(e, lang)
	}
	v := h.view(e, lang, "/help/"+section)
	v.Title = h.bundle.T(lang, "section."+section+".name", nil)
	v.Data = helpSection{Key: section, Pages: pages}
	return h.render(e, 200, "section", v)
}

func (h *Handler) group(pages []*kb.Page) []helpSection {
	by := map[string][]*kb.Page{}
	for _, p := range pages {
		by[p.Section] = append(by[p.Section], p)
	}
	var out []helpSection
	for _, key := range kb.Sections(pages, h.order) {
		out = append(out, helpSection{Key: key, Pages: by[key]})
	}
	return out
}
