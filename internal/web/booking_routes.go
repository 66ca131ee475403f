package web

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/router"
)

// bookingRoutes adds facilities, reservations, programs and the town
// calendar under prefix (e.g. /en) for lang.
func (h *Handler) bookingRoutes(r *router.Router[*core.RequestEvent], prefix, lang string) {
}
