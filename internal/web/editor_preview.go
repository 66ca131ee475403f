package web

import (
	"bytes"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
)

// previewFragment renders the text of the editor form as the site will show
// it, for the live preview of editor.js. Without JavaScript the Preview
// button does the same through the whole page.
func (h *Handler) previewFragment(e *core.RequestEvent, lang string) error {
	values, _, err := readEditorForm(e.Request)
	if err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	f := &Form{Values: values}
	pageLang := f.Get("language")
	if !h.town.Get().Offers(pageLang) {
		pageLang = lang
	}
	d := &editorData{PageLang: pageLang}
	d.Preview, d.Missing = h.preview(e, pageLang, f)
	var buf bytes.Buffer
	if err := h.pages[lang].ExecuteTemplate(&buf, "previewBody", d); err != nil {
		return h.fail(e, lang, err)
	}
	return writeHTML(e, http.StatusOK, lang, buf.Bytes())
}
