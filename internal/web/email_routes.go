package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// emailRoutes adds the pages linked from emails (one-click unsubscribe)
// under prefix (e.g. /en) for lang.
func (h *Handler) emailRoutes(r *router.Router[*core.RequestEvent], prefix, lang string) {
	r.GET(prefix+"/unsubscribe", h.lang(lang, h.unsubscribePage))
	r.POST(prefix+"/unsubscribe", h.lang(lang, h.unsubscribe))
}
