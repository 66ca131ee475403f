package web

import (
	"errors"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/markdown"
	"github.com/townhall/townhall/internal/requests"
)

// editorData is what the page editor shows.
type editorData struct {
	Form      *Form
	PageID    string // "" for a new page
	PageLang  string
	Published bool
	SitePath  string // the article on the site, once published
	SlugFixed bool   // a published page keeps its address
	Approval  bool   // publishing waits for the clerk
	Languages []string
	Sections  []editorOption
	Services  []editorOption
	Notices   []string
	Preview   template.HTML // the body as the site will show it
	Missing   []string      // links to pages that do not exist
	Images    []*kb.Image
	Source    *editorSource
	Conflict  *editorConflict

	preview bool
}

type editorOption struct{ Value, Label string }

// editPage opens a page in the editor: its newest draft, or what the site
// shows, with the base that later saves are checked against.
func (h *Handler) editPage(e *core.RequestEvent, lang string) error {
	page, err := e.App.FindRecordById("pages", e.Request.PathValue("id"))
	if err != nil {
		return h.notFound(e, lang)
	}
	head, err := kb.Head(e.App, page)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := &editorData{}
	c := kb.ContentOf(page)
	if head != nil {
		switch head.Status {
		case kb.StatusDraft, kb.StatusPending:
			c = head.Content
			d.Notices = append(d.Notices, h.bundle.T(lang, "editor.notice."+head.Status,
				map[string]any{"Name": head.AuthorName, "Date": h.dateTime(lang, head.Created)}))
			if page.GetBool("published") && page.GetDateTime("updated").Time().After(head.Created) {
				d.Notices = append(d.Notices, h.bundle.T(lang, "editor.notice.draft_stale", nil))
			}
		case kb.StatusRejected:
			d.Notices = append(d.Notices, h.bundle.T(lang, "editor.notice.rejected", map[string]any{"Date": h.dateTime(lang, head.Created)}))
		}
	}
	f := contentForm(c)
	setBase(f, page, head)
	return h.renderEditor(e, lang, http.StatusOK, page, f, d)
}

// setBase records on the form what the editor opened, to detect saves that
// cross.
func setBase(f *Form, page *core.Record, head *kb.Revision) {
	base := ""
	if head != nil {
		base = head.ID
	}
	f.set("base", base)
	f.set("base_version", strconv.Itoa(page.GetInt("version")))
}

// baseVersion is the page version the form was opened at; a form without
// a readable one gets -1, which no page has, so its save is a conflict.
func baseVersion(f *Form) int {
	v, err := strconv.Atoi(f.Get("base_version"))
	if err != nil {
		return -1
	}
	return v
}

// editPagePost handles every button of the editor for an existing page.
func (h *Handler) editPagePost(e *core.RequestEvent, lang string) error {
	page, err := e.App.FindRecordById("pages", e.Request.PathValue("id"))
	if err != nil {
		return h.notFound(e, lang)
	}
	values, up, err := readEditorForm(e.Request)
	if err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	return h.editorAction(e, lang, page, &Form{Values: values}, up)
}

// editorAction previews, uploads an image, saves a draft or publishes. A
// chosen image is added first with any button, so it is never lost.
func (h *Handler) editorAction(e *core.RequestEvent, lang string, page *core.Record, f *Form, up *editorUpload) error {
	d := &editorData{}
	action := f.Get("action")
	if action == "" && up != nil {
		action = "upload" // the post was cut inside an oversized image
	}
	if up != nil || action == "upload" {
		if !h.attachImage(e, lang, page, f, up, d) || action == "upload" {
			status := http.StatusOK
			if len(f.Errors) > 0 {
				status = http.StatusUnprocessableEntity
			}
			return h.renderEditor(e, lang, status, page, f, d)
		}
	}
	switch action {
	case "draft", "publish":
		return h.saveEdit(e, lang, page, f, d, action == "publish")
	}
	d.preview = true
	return h.renderEditor(e, lang, http.StatusOK, page, f, d)
}

// saveEdit stores the form as a new revision and, when publishing without
// approval, on the site.
func (h *Handler) saveEdit(e *core.RequestEvent, lang string, page *core.Record, f *Form, d *editorData, publish bool) error {
	t := h.town.Get()
	ed := kb.Edit{
		Content: formContent(f), Note: f.Get("note"), Publish: publish, Approval: approvalNeeded(e.App),
		Base: f.Get("base"), BaseVersion: baseVersion(f), Author: author(e), Today: h.today(), DefaultLang: t.DefaultLanguage,
	}
	if page != nil {
		ed.PageID = page.Id
	} else {
		ed.Lang, ed.TranslationKey = f.Get("language"), f.Get("key")
		if !t.Offers(ed.Lang) {
			h.fieldError(f, lang, "language", "editor.error.choice", nil)
			return h.renderEditor(e, lang, http.StatusUnprocessableEntity, page, f, d)
		}
	}
	saved, rev, err := kb.Save(e.App, ed)
	if err != nil {
		return h.saveError(e, lang, page, f, d, err)
	}
	if page == nil {
		if err := kb.ClaimImages(e.App, saved.Id, f.Values["images"]); err != nil {
			h.logError(e, err)
		}
	}
	editor := "/" + lang + "/editor/pages/" + saved.Id
	switch rev.Status {
	case kb.StatusPublished:
		flash(e, "editor.flash.published")
		return redirect(e, kb.PagePath(saved.GetString("language"), saved.GetString("section"), saved.GetString("slug")))
	case kb.StatusPending:
		flash(e, "editor.flash.pending")
	default:
		flash(e, "editor.flash.draft_saved")
	}
	return redirect(e, editor)
}

// saveError shows the editor again with what was typed: problems beside
// their fields, or both versions when someone else saved first.
func (h *Handler) saveError(e *core.RequestEvent, lang string, page *core.Record, f *Form, d *editorData, err error) error {
	var verr *kb.ValidationError
	var conflict *kb.ConflictError
	switch {
	case errors.As(err, &verr):
		if f.Get("slug") == "" {
			f.set("slug", kb.Slugify(f.Get("title"))) // the address it would get, to change
		}
		h.editErrors(f, lang, verr, "")
		return h.renderEditor(e, lang, http.StatusUnprocessableEntity, page, f, d)
	case errors.As(err, &conflict):
		d.Conflict = h.conflictView(lang, conflict, formContent(f))
		f.set("base", conflict.Head)
		f.set("base_version", strconv.Itoa(conflict.HeadVersion))
		return h.renderEditor(e, lang, http.StatusConflict, page, f, d)
	case errors.Is(err, kb.ErrPageNotFound):
		return h.notFound(e, lang)
	}
	return h.fail(e, lang, err)
}

// editErrors puts the problems of an edit beside their fields, or all
// beside field when it is not "". Links that lead nowhere are listed.
func (h *Handler) editErrors(f *Form, lang string, verr *kb.ValidationError, field string) {
	for _, fe := range verr.Fields {
		at := fe.Field
		if field != "" {
			at = field
		}
		msg := h.bundle.T(lang, fe.Message, fe.Data)
		if links, ok := fe.Data["Links"].(string); ok {
			msg += " " + links
		}
		f.Errors = append(f.Errors, FormError{Field: at, ID: fieldID(at), Message: msg})
	}
}

// renderEditor shows the editor for page (nil for a new one) with form f.
func (h *Handler) renderEditor(e *core.RequestEvent, lang string, status int, page *core.Record, f *Form, d *editorData) error {
	t := h.town.Get()
	d.Form, d.Approval = f, approvalNeeded(e.App)
	path := "/editor/new"
	title := h.bundle.T(lang, "editor.page.title_new", nil)
	if page != nil {
		d.PageID, d.PageLang, d.Published = page.Id, page.GetString("language"), page.GetBool("published")
		d.SlugFixed = d.Published
		if d.Published {
			d.SitePath = kb.PagePath(d.PageLang, page.GetString("section"), page.GetString("slug"))
		}
		path = "/editor/pages/" + page.Id
		title = h.bundle.T(lang, "editor.page.title_edit", map[string]any{"Name": page.GetString("title")})
	} else {
		d.PageLang, d.Languages = f.Get("language"), t.Languages
	}
	var err error
	if d.Sections, err = h.sectionOptions(e, lang); err != nil {
		return h.fail(e, lang, err)
	}
	if d.Services, err = h.serviceOptions(e, lang); err != nil {
		return h.fail(e, lang, err)
	}
	if page != nil {
		if d.Images, err = kb.Images(e.App, page.Id); err != nil {
			return h.fail(e, lang, err)
		}
	}
	d.Source = h.editorSource(e, lang, page, f)
	if d.preview {
		d.Preview, d.Missing = h.preview(e, d.PageLang, f)
	}
	v := h.view(e, lang, path)
	v.Title, v.NoIndex, v.Data = title, true, d
	return h.render(e, status, "editor_page", v)
}

// preview renders the body as the site will, and lists its links to pages
// that do not exist.
func (h *Handler) preview(e *core.RequestEvent, pageLang string, f *Form) (template.HTML, []string) {
	c := formContent(f)
	c.Normalize()
	out, err := markdown.Render(c.Body)
	if err != nil {
		h.logError(e, err)
	}
	from := kb.PagePath(pageLang, c.Section, c.Slug)
	return template.HTML(out), kb.MissingLinks(e.App, from, h.town.Get().DefaultLanguage, c.Body)
}

// dateTime shows when something was saved, in the town's time zone.
func (h *Handler) dateTime(lang string, t time.Time) string {
	local := t.In(h.town.Get().Location)
	return h.bundle.Date(lang, local) + " " + h.bundle.Clock(lang, local)
}

// sectionOptions lists the town's sections, then any others pages use.
func (h *Handler) sectionOptions(e *core.RequestEvent, lang string) ([]editorOption, error) {
	used, err := kb.SectionsInUse(e.App)
	if err != nil {
		return nil, err
	}
	keys := append([]string(nil), h.order...)
	for _, s := range used {
		if !slices.Contains(keys, s) {
			keys = append(keys, s)
		}
	}
	out := make([]editorOption, len(keys))
	for i, k := range keys {
		label := h.bundle.T(lang, "section."+k+".name", nil)
		if strings.HasPrefix(label, "section.") {
			label = k
		}
		out[i] = editorOption{Value: k, Label: label}
	}
	return out, nil
}

// serviceOptions lists the active services a page may offer to request.
func (h *Handler) serviceOptions(e *core.RequestEvent, lang string) ([]editorOption, error) {
	services, err := requests.Services(e.App, lang, h.town.Get().DefaultLanguage)
	if err != nil {
		return nil, err
	}
	out := make([]editorOption, len(services))
	for i, s := range services {
		out[i] = editorOption{Value: s.ID, Label: s.Name}
	}
	return out, nil
}
