package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"path"
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
)

//go:embed templates
var templateFS embed.FS

// pageTemplates holds, for each language, one set with the layout and every
// page, as "page:<name>". Each set is parsed once at start-up with functions
// bound to its language, so no template is ever changed per request (a shared
// set whose functions change per request renders pages in another request's
// language). One set per language rather than a clone of the layout per page
// keeps the parsed templates to a third of the memory.
type pageTemplates map[string]*template.Template

// parseTemplates parses the layout and every page for every language. A
// page file defines "content"; it is renamed "content:<name>" and wrapped as
// "page:<name>" between the layout's "top" and "bottom".
func parseTemplates(b *i18n.Bundle, static *assets) (pageTemplates, error) {
	layout, err := fs.ReadFile(templateFS, "templates/layout/layout.html")
	if err != nil {
		return nil, err
	}
	paths, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	const content = `{{define "content"}}`
	pages := map[string]string{} // by file, with "content" renamed and the page's wrapper appended
	for _, p := range paths {
		text, err := fs.ReadFile(templateFS, p)
		if err != nil {
			return nil, err
		}
		if strings.Count(string(text), content) != 1 {
			return nil, fmt.Errorf("parse %s: want exactly one %s", p, content)
		}
		name := strings.TrimSuffix(path.Base(p), ".html")
		pages[p] = strings.Replace(string(text), content, fmt.Sprintf("{{define %q}}", "content:"+name), 1) +
			fmt.Sprintf("\n{{define %q}}{{template \"top\" .}}{{template %q .}}{{template \"bottom\" .}}{{end}}", "page:"+name, "content:"+name)
	}
	out := pageTemplates{}
	for _, lang := range b.Languages() {
		set, err := template.New("layout.html").Funcs(funcs(b, lang)).Funcs(template.FuncMap{"static": static.url}).Parse(string(layout))
		if err != nil {
			return nil, fmt.Errorf("parse layout: %w", err)
		}
		for _, p := range paths {
			if _, err := set.New(path.Base(p)).Parse(pages[p]); err != nil {
				return nil, fmt.Errorf("parse %s: %w", p, err)
			}
		}
		out[lang] = set
	}
	return out, nil
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes page in v's language. A template error is logged and shown
// as the translated error page, never as a half-written page.
func (h *Handler) render(e *core.RequestEvent, status int, page string, v *View) error {
	t := h.pages[v.Lang]
	if t == nil || t.Lookup("page:"+page) == nil {
		return fmt.Errorf("no template %q for %q", page, v.Lang)
	}
	if v.Description == "" {
		v.Description = h.bundle.T(v.Lang, "meta.description", map[string]any{"Name": v.Title, "Town": v.TownName})
	}
	switchLinks(e, v, page)
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := t.ExecuteTemplate(buf, "page:"+page, v); err != nil {
		if page == "error" {
			return err
		}
		h.logError(e, err)
		return h.errorPage(e, v.Lang, http.StatusInternalServerError)
	}
	if status == http.StatusOK {
		if gz, ok := h.cache.store(e, v.Lang, buf.Bytes()); ok {
			return writeCompressedHTML(e, status, v.Lang, buf.Bytes(), gz)
		}
	}
	return writeHTML(e, status, v.Lang, buf.Bytes())
}

// writeHTML sends a page, gzipped for a client that takes gzip.
func writeHTML(e *core.RequestEvent, status int, lang string, body []byte) error {
	var gz []byte
	if acceptsGzip(e.Request) {
		gz = gzipBytes(body)
	}
	return writeCompressedHTML(e, status, lang, body, gz)
}

// writeCompressedHTML sends a page whose gzipped bytes are gz (nil: send it
// as it is).
func writeCompressedHTML(e *core.RequestEvent, status int, lang string, body, gz []byte) error {
	hd := e.Response.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Language", lang)
	if l, _ := e.Get(langUnsetKey).(string); l != "" {
		rememberLang(e, l)
	}
	if personal(e) {
		hd.Set("Cache-Control", "no-store")
	}
	return writeBody(e, status, body, gz)
}

// personal reports whether a page may show what belongs to one person, so
// no browser or proxy may keep it: any page for a signed-in visitor, a
// private link (?key=, ?token=) and the answer to a form post.
func personal(e *core.RequestEvent) bool {
	q := e.Request.URL.Query()
	return e.Auth != nil || q.Has("key") || q.Has("token") ||
		(e.Request.Method != http.MethodGet && e.Request.Method != http.MethodHead)
}

func (h *Handler) logError(e *core.RequestEvent, err error) {
	log := h.log
	if log == nil {
		log = e.App.Logger()
	}
	log.Error("page failed", slog.String("path", e.Request.URL.Path), slog.String("error", err.Error()))
}

// fail logs err and shows the translated "something went wrong" page.
func (h *Handler) fail(e *core.RequestEvent, lang string, err error) error {
	h.logError(e, err)
	return h.errorPage(e, lang, http.StatusInternalServerError)
}

func (h *Handler) notFound(e *core.RequestEvent, lang string) error {
	return h.errorPage(e, lang, http.StatusNotFound)
}

func (h *Handler) forbidden(e *core.RequestEvent, lang string) error {
	return h.errorPage(e, lang, http.StatusForbidden)
}

// errorPage shows a translated page for an HTTP error status.
func (h *Handler) errorPage(e *core.RequestEvent, lang string, status int) error {
	v := h.view(e, lang, "/")
	v.NoIndex = true
	v.Data = status
	v.Title = h.bundle.T(lang, fmt.Sprintf("error.%d.title", status), nil)
	return h.render(e, status, "error", v)
}

// notFoundRoute catches every path no other route serves.
// Unknown API paths keep PocketBase's JSON errors.
func (h *Handler) notFoundRoute(e *core.RequestEvent) error {
	if !sitePath(e.Request.URL.Path) {
		return e.NotFoundError("", nil)
	}
	return h.notFound(e, h.requestLang(e))
}
