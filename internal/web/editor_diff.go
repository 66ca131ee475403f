package web

import (
	"html"
	"html/template"
	"strings"

	"github.com/townhall/townhall/internal/kb"
)

// diffHTML shows how text old became new, line by line with the changed
// words marked. Removed and added lines say so in words for screen readers,
// not only by colour and sign. Every piece of text is escaped.
func (h *Handler) diffHTML(lang, old, new string) template.HTML {
	lines := kb.DiffLines(old, new)
	if !kb.Changed(lines) {
		return template.HTML(`<p class="hint">` + html.EscapeString(h.bundle.T(lang, "editor.diff.none", nil)) + `</p>`)
	}
	removed := html.EscapeString(h.bundle.T(lang, "editor.diff.removed", nil))
	added := html.EscapeString(h.bundle.T(lang, "editor.diff.added", nil))
	var b strings.Builder
	b.WriteString(`<ol class="diff">`)
	for _, hunk := range kb.Hunks(lines, 2) {
		if hunk.Skipped > 0 {
			b.WriteString(`<li class="diff-skip">` + html.EscapeString(h.bundle.T(lang, "editor.diff.skipped", map[string]any{"Count": hunk.Skipped})) + `</li>`)
		}
		for _, l := range hunk.Lines {
			switch l.Op {
			case kb.Same:
				b.WriteString(`<li class="diff-same">` + html.EscapeString(l.Text) + `</li>`)
			case kb.Removed:
				b.WriteString(`<li class="diff-del"><span class="diff-sign" aria-hidden="true">−</span><span class="visually-hidden">` + removed +
					` </span><del>` + segments(l) + `</del></li>`)
			case kb.Added:
				b.WriteString(`<li class="diff-add"><span class="diff-sign" aria-hidden="true">+</span><span class="visually-hidden">` + added +
					` </span><ins>` + segments(l) + `</ins></li>`)
			}
		}
	}
	b.WriteString(`</ol>`)
	return template.HTML(b.String())
}

// segments is a changed line with its changed words in <mark>.
func segments(l kb.DiffLine) string {
	if len(l.Words) == 0 {
		return html.EscapeString(l.Text)
	}
	var b strings.Builder
	for _, s := range l.Words {
		if s.Op == kb.Same {
			b.WriteString(html.EscapeString(s.Text))
		} else {
			b.WriteString("<mark>" + html.EscapeString(s.Text) + "</mark>")
		}
	}
	return b.String()
}
