package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// developerRoutes adds the page for developers of Open311 clients under
// prefix (e.g. /en) for lang.
func (h *Handler) developerRoutes(r *router.Router[*core.RequestEvent], prefix, lang string) {
	r.GET(prefix+"/developers", h.lang(lang, h.cached(h.developers)))
}
