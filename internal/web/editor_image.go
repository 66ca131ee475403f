package web

import (
	"errors"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/upload"
)

// attachImage stores the chosen image and adds it to the end of the text,
// where the editor can move it. On a problem it reports it beside the image
// fields and returns false; the text is kept either way.
func (h *Handler) attachImage(e *core.RequestEvent, lang string, page *core.Record, f *Form, up *editorUpload, d *editorData) bool {
	switch {
	case up == nil:
		h.fieldError(f, lang, "image", "editor.error.image_missing", nil)
		return false
	case up.TooBig:
		h.fieldError(f, lang, "image", "editor.error.image_too_big", map[string]any{"Max": kb.ImageMaxSize >> 20})
		return false
	}
	name := up.Name
	if name == "" {
		name = "image"
	}
	file, err := filesystem.NewFileFromBytes(up.Data, name)
	if err != nil {
		h.fieldError(f, lang, "image", "editor.error.image_type", nil)
		return false
	}
	pageID := ""
	if page != nil {
		pageID = page.Id
	}
	img, err := kb.AddImage(e.App, pageID, file, f.Get("image_alt"), author(e))
	switch {
	case errors.Is(err, kb.ErrAltRequired):
		h.fieldError(f, lang, "image_alt", "editor.error.alt_required", nil)
	case errors.Is(err, kb.ErrAltTooLong):
		h.fieldError(f, lang, "image_alt", "editor.error.too_long", map[string]any{"Max": 300})
	case errors.Is(err, kb.ErrImageTooBig):
		h.fieldError(f, lang, "image", "editor.error.image_too_big", map[string]any{"Max": kb.ImageMaxSize >> 20})
	case errors.Is(err, kb.ErrImageType):
		h.fieldError(f, lang, "image", "editor.error.image_type", nil)
	case upload.TooLarge(err):
		h.fieldError(f, lang, "image", upload.Message, upload.MessageData)
	case err != nil:
		h.logError(e, err)
		h.fieldError(f, lang, "image", "editor.error.image_failed", nil)
	}
	if err != nil {
		return false
	}
	body := strings.TrimRight(f.Get("body"), " \r\n")
	if body != "" {
		body += "\n\n"
	}
	f.set("body", body+img.Markdown())
	f.set("image_alt", "")
	if page == nil {
		f.Values["images"] = append(f.Values["images"], img.ID)
	}
	d.Notices = append(d.Notices, h.bundle.T(lang, "editor.notice.image_added", nil))
	return true
}
