package web

import (
	"errors"
	"html/template"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/markdown"
)

// historyData is a page's list of revisions.
type historyData struct {
	PageID, PageTitle string
	Revisions         []revisionView
	From, To          string // preselected for comparing
}

// revisionView is a revision with when it was saved, in the town's time.
type revisionView struct {
	*kb.Revision
	When string
}

func (h *Handler) revisionView(lang string, r *kb.Revision) revisionView {
	return revisionView{Revision: r, When: h.dateTime(lang, r.Created)}
}

// history lists every saved version of a page, newest first, to compare
// any two or open one.
func (h *Handler) history(e *core.RequestEvent, lang string) error {
	page, err := e.App.FindRecordById("pages", e.Request.PathValue("id"))
	if err != nil {
		return h.notFound(e, lang)
	}
	revs, err := kb.Revisions(e.App, page)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := historyData{PageID: page.Id, PageTitle: page.GetString("title")}
	for _, r := range revs {
		d.Revisions = append(d.Revisions, h.revisionView(lang, r))
	}
	if len(revs) > 1 {
		d.From, d.To = revs[1].ID, revs[0].ID
	}
	title := h.bundle.T(lang, "editor.history.title", map[string]any{"Name": page.GetString("title")})
	return h.renderNoIndex(e, lang, "/editor/pages/"+page.Id+"/history", title, "editor_history", d, http.StatusOK)
}

// compareData is two revisions side by side.
type compareData struct {
	PageID   string
	From, To revisionView
	Fields   []fieldChange
	Diff     template.HTML
}

// compare shows what changed between two revisions (?from=&to=).
func (h *Handler) compare(e *core.RequestEvent, lang string) error {
	page, err := e.App.FindRecordById("pages", e.Request.PathValue("id"))
	if err != nil {
		return h.notFound(e, lang)
	}
	q := e.Request.URL.Query()
	from, err1 := kb.FindRevision(e.App, page, q.Get("from"))
	to, err2 := kb.FindRevision(e.App, page, q.Get("to"))
	if err1 != nil || err2 != nil {
		return h.notFound(e, lang)
	}
	if to.Created.Before(from.Created) {
		from, to = to, from
	}
	d := compareData{PageID: page.Id, From: h.revisionView(lang, from), To: h.revisionView(lang, to),
		Fields: h.fieldChanges(lang, from.Content, to.Content), Diff: h.diffHTML(lang, from.Body, to.Body)}
	title := h.bundle.T(lang, "editor.compare.title", map[string]any{"Name": page.GetString("title")})
	return h.renderNoIndex(e, lang, "/editor/pages/"+page.Id+"/compare", title, "editor_compare", d, http.StatusOK)
}

// revisionData is one saved version of a page.
type revisionData struct {
	PageID    string
	Revision  *kb.Revision
	HTML      template.HTML
	Head      bool // the newest: nothing to roll back to
	Published bool
	Approval  bool
	Form      *Form
}

// revision shows one saved version, with a button to roll back to it.
func (h *Handler) revision(e *core.RequestEvent, lang string) error {
	page, err := e.App.FindRecordById("pages", e.Request.PathValue("id"))
	if err != nil {
		return h.notFound(e, lang)
	}
	return h.renderRevision(e, lang, http.StatusOK, page, &Form{})
}

func (h *Handler) renderRevision(e *core.RequestEvent, lang string, status int, page *core.Record, f *Form) error {
	rev, err := kb.FindRevision(e.App, page, e.Request.PathValue("rev"))
	if err != nil {
		return h.notFound(e, lang)
	}
	head, err := kb.Head(e.App, page)
	if err != nil {
		return h.fail(e, lang, err)
	}
	setBase(f, page, head)
	out, _ := markdown.Render(rev.Body)
	d := revisionData{PageID: page.Id, Revision: rev, HTML: template.HTML(out), Head: head != nil && head.ID == rev.ID,
		Published: page.GetBool("published"), Approval: approvalNeeded(e.App), Form: f}
	title := h.bundle.T(lang, "editor.revision.title", map[string]any{"Date": h.dateTime(lang, rev.Created)})
	return h.renderNoIndex(e, lang, "/editor/pages/"+page.Id+"/revisions/"+rev.ID, title, "editor_revision", d, status)
}

// restore rolls the page back to a revision: a new revision with its
// content, published (or sent for approval) when the page is on the site.
func (h *Handler) restore(e *core.RequestEvent, lang string) error {
	values, _, err := readEditorForm(e.Request)
	if err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	id, revID := e.Request.PathValue("id"), e.Request.PathValue("rev")
	f := &Form{Values: values}
	ed := kb.Edit{Base: f.Get("base"), BaseVersion: baseVersion(f), Author: author(e), Approval: approvalNeeded(e.App),
		Today: h.today(), DefaultLang: h.town.Get().DefaultLanguage, Note: f.Get("note")}
	page, rev, err := kb.Restore(e.App, id, revID, ed)
	var verr *kb.ValidationError
	switch {
	case errors.Is(err, kb.ErrPageNotFound), errors.Is(err, kb.ErrNoRevision):
		return h.notFound(e, lang)
	case errors.As(err, new(*kb.ConflictError)):
		flash(e, "editor.flash.restore_conflict")
		return redirect(e, "/"+lang+"/editor/pages/"+id+"/history")
	case errors.As(err, &verr):
		page, err := e.App.FindRecordById("pages", id)
		if err != nil {
			return h.fail(e, lang, err)
		}
		h.editErrors(f, lang, verr, "restore")
		return h.renderRevision(e, lang, http.StatusUnprocessableEntity, page, f)
	case err != nil:
		return h.fail(e, lang, err)
	}
	switch rev.Status {
	case kb.StatusPublished:
		flash(e, "editor.flash.restored")
		return redirect(e, kb.PagePath(page.GetString("language"), page.GetString("section"), page.GetString("slug")))
	case kb.StatusPending:
		flash(e, "editor.flash.pending")
	default:
		flash(e, "editor.flash.restored_draft")
	}
	return redirect(e, "/"+lang+"/editor/pages/"+id)
}
