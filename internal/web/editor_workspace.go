package web

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
)

// workspaceData is the editors' Pages workspace.
type workspaceData struct {
	Language string // the language shown, or "" for all
	Todo     []translationTodo
	Sections []workspaceSection
	Approval bool
}

type workspaceSection struct {
	Key, Name string
	Pages     []workspaceRow
}

type workspaceRow struct {
	*kb.PageState
	State string // editor.state.* message id
}

// translationTodo is what a language still needs: pages with no version in
// it, and versions in it older than their source.
type translationTodo struct {
	Lang     string
	Missing  []*kb.PageState // the pages to translate from
	Outdated []*kb.PageState // the translations to update
}

// workspace lists every page by section and language with its status, and
// what each language needs translating.
func (h *Handler) workspace(e *core.RequestEvent, lang string) error {
	t := h.town.Get()
	states, err := kb.Workspace(e.App, t.Languages, t.DefaultLanguage)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := workspaceData{Approval: approvalNeeded(e.App)}
	if l := e.Request.URL.Query().Get("language"); t.Offers(l) {
		d.Language = l
	}
	d.Todo = translationTodos(states, t.Languages, t.DefaultLanguage, d.Language)
	bySection := map[string][]workspaceRow{}
	var keys []string
	for _, s := range states {
		if d.Language != "" && s.Lang != d.Language {
			continue
		}
		if _, ok := bySection[s.Section]; !ok {
			keys = append(keys, s.Section)
		}
		bySection[s.Section] = append(bySection[s.Section], workspaceRow{PageState: s, State: pageState(s)})
	}
	slices.SortStableFunc(keys, func(a, b string) int { return h.sectionRank(a) - h.sectionRank(b) })
	for _, k := range keys {
		name := h.bundle.T(lang, "section."+k+".name", nil)
		if name == "section."+k+".name" {
			name = k
		}
		d.Sections = append(d.Sections, workspaceSection{Key: k, Name: name, Pages: bySection[k]})
	}
	v := h.view(e, lang, "/editor")
	v.Title, v.NoIndex, v.Data = h.bundle.T(lang, "editor.workspace.title", nil), true, d
	return h.render(e, 200, "editor_workspace", v)
}

// sectionRank orders sections as the help pages do, unknown ones last.
func (h *Handler) sectionRank(s string) int {
	if i := slices.Index(h.order, s); i >= 0 {
		return i
	}
	return len(h.order)
}

// pageState names where a page stands, as a message id.
func pageState(s *kb.PageState) string {
	switch {
	case !s.Published && s.Status == kb.StatusPending:
		return "editor.state.new_pending"
	case !s.Published && (s.Status == kb.StatusDraft || s.Status == kb.StatusRejected):
		return "editor.state.new_draft"
	case !s.Published:
		return "editor.state.unpublished"
	case s.Status == kb.StatusDraft:
		return "editor.state.draft"
	case s.Status == kb.StatusPending:
		return "editor.state.pending"
	case s.Status == kb.StatusRejected:
		return "editor.state.rejected"
	}
	return "editor.state.published"
}

// translationTodos lists, for each language (or only), the pages to
// translate into it and its translations older than their source.
func translationTodos(states []*kb.PageState, langs []string, def, only string) []translationTodo {
	var out []translationTodo
	for _, l := range langs {
		if only != "" && l != only {
			continue
		}
		todo := translationTodo{Lang: l}
		seen := map[string]bool{}
		for _, s := range states {
			if s.Lang == l && s.Outdated {
				todo.Outdated = append(todo.Outdated, s)
			}
			// One page per key to translate from: the source when there is one.
			key := s.Key
			if key == "" {
				key = "\x00" + s.ID
			}
			if !slices.Contains(s.Missing, l) || seen[key] || s.SourceID != "" && s.Lang != def {
				continue
			}
			seen[key] = true
			todo.Missing = append(todo.Missing, s)
		}
		if len(todo.Missing)+len(todo.Outdated) > 0 {
			out = append(out, todo)
		}
	}
	return out
}
