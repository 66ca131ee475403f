package web

import (
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
)

// maxEditorPost bounds an editor form post. The form is read as a stream
// and an image over kb.ImageMaxSize is refused with the text kept, so this
// only stops absurd uploads (which PocketBase answers with a bare 413).
const maxEditorPost = 64 << 20

// editorOnly lets editors through, sends visitors to sign in, and shows
// everyone else the forbidden page. Editor pages are never stored anywhere.
func (h *Handler) editorOnly(next langHandler) langHandler {
	return h.signedIn(func(e *core.RequestEvent, lang string) error {
		if !isEditor(e.Auth) {
			return h.forbidden(e, lang)
		}
		e.Response.Header().Set("Cache-Control", "no-store")
		return next(e, lang)
	})
}

func isEditor(u *core.Record) bool { return u != nil && u.GetString("role") == "editor" }

// author is the signed-in editor, as revisions record them.
func author(e *core.RequestEvent) kb.Author {
	name := e.Auth.GetString("name")
	if name == "" {
		name = e.Auth.Email()
	}
	return kb.Author{ID: e.Auth.Id, Name: name}
}

// today is the town's date, for a page's "last reviewed" line.
func (h *Handler) today() time.Time { return h.now().In(h.town.Get().Location) }

// approvalNeeded reads the town's setting: publishing waits for the clerk.
func approvalNeeded(app core.App) bool {
	recs, err := app.FindRecordsByFilter("town", "", "created", 1, 0)
	return err == nil && len(recs) > 0 && recs[0].GetBool("kb_approval")
}
