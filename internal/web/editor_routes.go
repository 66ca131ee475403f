package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// editorRoutes adds the knowledge-base editor for volunteers under prefix
// (e.g. /en) for lang.
func (h *Handler) editorRoutes(r *router.Router[*core.RequestEvent], prefix, lang string) {
}
