package web

import (
	"html/template"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/markdown"
)

// editorSource is the page a translation is made from, shown beside it.
type editorSource struct {
	ID, Lang string
	kb.Content
	HTML     template.HTML
	Open     bool          // shown open: a new translation, or an outdated one
	Outdated bool          // the source was published after the translation
	Changed  time.Time     // when the source was last published
	Changes  template.HTML // what changed in it since the translation was
}

// editorSource finds the source of the page being edited: the page a new
// translation starts from, or the default-language page of the same key.
func (h *Handler) editorSource(e *core.RequestEvent, lang string, page *core.Record, f *Form) *editorSource {
	var src *core.Record
	if page == nil {
		if id := f.Get("from"); id != "" {
			src, _ = e.App.FindRecordById("pages", id)
		}
	} else {
		src = kb.Source(e.App, page, h.town.Get().DefaultLanguage)
	}
	if src == nil || page != nil && src.Id == page.Id {
		return nil
	}
	s := &editorSource{ID: src.Id, Lang: src.GetString("language"), Content: kb.ContentOf(src),
		HTML: template.HTML(src.GetString("html")), Open: page == nil}
	if page == nil || !page.GetBool("published") || !src.GetBool("published") {
		return s
	}
	mine, theirs := kb.LiveAt(e.App, page), kb.LiveAt(e.App, src)
	if !theirs.After(mine) {
		return s
	}
	s.Outdated, s.Open, s.Changed = true, true, theirs
	if was, err := kb.LiveRevisionAt(e.App, src, mine); err == nil && was != nil {
		s.Changes = h.diffHTML(lang, was.Body, s.Body)
	}
	return s
}

// editorConflict is what someone else saved while the editor was open.
type editorConflict struct {
	By, At     string
	Theirs     kb.Content
	TheirsHTML template.HTML
	Fields     []fieldChange
	Diff       template.HTML // from theirs to yours
}

type fieldChange struct{ Label, Old, New string }

func (h *Handler) conflictView(lang string, c *kb.ConflictError, yours kb.Content) *editorConflict {
	yours.Normalize()
	out, _ := markdown.Render(c.Theirs.Body)
	by := c.By
	if by == "" {
		by = h.bundle.T(lang, "editor.conflict.someone", nil)
	}
	return &editorConflict{
		By: by, At: h.dateTime(lang, c.At), Theirs: c.Theirs, TheirsHTML: template.HTML(out),
		Fields: h.fieldChanges(lang, c.Theirs, yours), Diff: h.diffHTML(lang, c.Theirs.Body, yours.Body),
	}
}

// fieldChanges lists the front-matter fields that differ between a and b.
func (h *Handler) fieldChanges(lang string, a, b kb.Content) []fieldChange {
	var out []fieldChange
	add := func(id, x, y string) {
		if x != y {
			out = append(out, fieldChange{Label: h.bundle.T(lang, id, nil), Old: x, New: y})
		}
	}
	add("editor.field.title", a.Title, b.Title)
	add("editor.field.summary", a.Summary, b.Summary)
	add("editor.field.section", a.Section, b.Section)
	add("editor.field.tags", strings.Join(a.Tags, ", "), strings.Join(b.Tags, ", "))
	add("editor.field.slug", a.Slug, b.Slug)
	if a.ServiceID != b.ServiceID {
		out = append(out, fieldChange{Label: h.bundle.T(lang, "editor.field.service", nil), Old: a.ServiceID, New: b.ServiceID})
	}
	return out
}
