package web

import (
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// newPage opens the editor for a new page. With ?from= it starts a
// translation of that page into ?language=: same key, section and service,
// with the source text beside the form.
func (h *Handler) newPage(e *core.RequestEvent, lang string) error {
	q := e.Request.URL.Query()
	pageLang := q.Get("language")
	if !h.town.Get().Offers(pageLang) {
		pageLang = lang
	}
	f := &Form{Values: map[string][]string{}}
	f.set("language", pageLang)
	if src, err := e.App.FindRecordById("pages", q.Get("from")); err == nil {
		key := src.GetString("translation_key")
		if key == "" {
			key = src.GetString("slug")
		}
		// A translation that exists already is opened, not started twice.
		if have, err := e.App.FindFirstRecordByFilter("pages", "translation_key = {:key} && language = {:lang}",
			dbx.Params{"key": key, "lang": pageLang}); err == nil {
			return redirect(e, "/"+lang+"/editor/pages/"+have.Id)
		}
		f.set("from", src.Id)
		f.set("key", key)
		f.set("section", src.GetString("section"))
		f.set("service", src.GetString("service"))
	}
	return h.renderEditor(e, lang, http.StatusOK, nil, f, &editorData{})
}

// newPagePost handles every button of the editor for a new page.
func (h *Handler) newPagePost(e *core.RequestEvent, lang string) error {
	values, up, err := readEditorForm(e.Request)
	if err != nil {
		return h.errorPage(e, lang, http.StatusBadRequest)
	}
	return h.editorAction(e, lang, nil, &Form{Values: values}, up)
}
