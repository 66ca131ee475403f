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
	"strconv"
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
)

//go:embed templates
var templateFS embed.FS

// pageTemplates holds, for each language, each page's template set. Every
// set is parsed once at start-up with functions bound to its language, so no
// template is ever changed per request (a shared set whose functions change
// per request renders pages in another request's language).
type pageTemplates map[string]map[string]*template.Template

func parseTemplates(b *i18n.Bundle) (pageTemplates, error) {
	pages, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	out := pageTemplates{}
	for _, lang := range b.Languages() {
		base, err := template.New("").Funcs(funcs(b, lang)).ParseFS(templateFS, "templates/layout/*.html")
		if err != nil {
			return nil, fmt.Errorf("parse layout: %w", err)
		}
		out[lang] = map[string]*template.Template{}
		for _, p := range pages {
			t, err := template.Must(base.Clone()).ParseFS(templateFS, p)
			if err != nil {
				return nil, fmt.Errorf("parse %s: %w", p, err)
			}
			out[lang][strings.TrimSuffix(path.Base(p), ".html")] = t
		}
	}
	return out, nil
}

var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// render writes page in v's language. A template error is logged and shown
// as the translated error page, never as a half-written page.
func (h *Handler) render(e *core.RequestEvent, status int, page string, v *View) error {
	t := h.pages[v.Lang][page]
	if t == nil {
		return fmt.Errorf("no template %q for %q", page, v.Lang)
	}
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer buffers.Put(buf)
	if err := t.ExecuteTemplate(buf, "layout", v); err != nil {
		if page == "error" {
			return err
		}
		h.logError(e, err)
		return h.errorPage(e, v.Lang, http.StatusInternalServerError)
	}
	if status == http.StatusOK {
		h.cache.store(e, v.Lang, buf.Bytes())
	}
	return writeHTML(e, status, v.Lang, buf.Bytes())
}

func writeHTML(e *core.RequestEvent, status int, lang string, body []byte) error {
	hd := e.Response.Header()
	hd.Set("Content-Type", "text/html; charset=utf-8")
	hd.Set("Content-Language", lang)
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	e.Response.WriteHeader(status)
	_, err := e.Response.Write(body)
	return err
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
