package web

import (
	"time"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
	"github.com/townhall/townhall/internal/kb"
)

// maxEditorPost bounds an editor form post. The form is read as a stream
// and an image over kb.ImageMaxSize is refused with the text kept, so this
// only stops absurd uploads (which PocketBase answers with a bare 413).
const maxEditorPost = 64 << 20

// editorRoutes adds the knowledge-base editor for volunteers under prefix
// (e.g. /en) for lang. Only users whose role is editor may use it.
func (h *Handler) editorRoutes(r *router.Router[*core.RequestEvent], prefix, lang string) {
	p := prefix + "/editor"
	ed := func(next langHandler) func(*core.RequestEvent) error { return h.lang(lang, h.editorOnly(next)) }
	r.GET(p, ed(h.workspace))
	r.GET(p+"/guide", ed(h.editorGuide))
	r.GET(p+"/new", ed(h.newPage))
	r.POST(p+"/new", ed(h.newPagePost)).Bind(apis.BodyLimit(maxEditorPost))
	r.POST(p+"/preview", ed(h.previewFragment)).Bind(apis.BodyLimit(maxEditorPost))
	r.GET(p+"/pages/{id}", ed(h.editPage))
	r.POST(p+"/pages/{id}", ed(h.editPagePost)).Bind(apis.BodyLimit(maxEditorPost))
	r.GET(p+"/pages/{id}/history", ed(h.history))
	r.GET(p+"/pages/{id}/compare", ed(h.compare))
	r.GET(p+"/pages/{id}/revisions/{rev}", ed(h.revision))
	r.POST(p+"/pages/{id}/revisions/{rev}/restore", ed(h.restore))
}

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
func (h *Handler) today() time.Time { return time.Now().In(h.town.Get().Location) }

// approvalNeeded reads the town's setting: publishing waits for the clerk.
func approvalNeeded(app core.App) bool {
	recs, err := app.FindRecordsByFilter("town", "", "created", 1, 0)
	return err == nil && len(recs) > 0 && recs[0].GetBool("kb_approval")
}
