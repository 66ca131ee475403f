package web

import (
	"html/template"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/markdown"
)

// guideExamples are the topics of the markdown guide, each a message pair
// editor.guide.<topic>.text (what it is for) and .md (an example).
var guideExamples = []string{"paragraphs", "headings", "bold", "lists", "numbered", "links", "page_links", "images", "tables", "quotes"}

type guideExample struct {
	Topic, Text, Markdown string
	HTML                  template.HTML
}

// editorGuide is a short guide to writing pages, with every example shown
// as typed and as the site shows it (rendered by the same code).
func (h *Handler) editorGuide(e *core.RequestEvent, lang string) error {
	var ex []guideExample
	for _, topic := range guideExamples {
		src := h.bundle.T(lang, "editor.guide."+topic+".md", nil)
		out, err := markdown.Render(src)
		if err != nil {
			return h.fail(e, lang, err)
		}
		ex = append(ex, guideExample{Topic: topic, Text: h.bundle.T(lang, "editor.guide."+topic+".text", nil),
			Markdown: src, HTML: template.HTML(out)})
	}
	return h.renderPage(e, lang, "/editor/guide", "editor.guide.title", "editor_guide", ex, http.StatusOK)
}
