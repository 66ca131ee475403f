package townhall

import (
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/busy"
)

// giveWayMax is the longest background work waits for a quiet moment
// before each step: on a box that is never idle it still moves, at most
// one step in this time.
const giveWayMax = 100 * time.Millisecond

// countRequests counts every HTTP request in flight on a gauge that
// background work waits on, but for the dashboard's realtime stream, which
// stays open as long as the dashboard does.
func countRequests(app core.App) *busy.Gauge {
	g := new(busy.Gauge)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Router.BindFunc(func(e *core.RequestEvent) error {
			if strings.HasPrefix(e.Request.URL.Path, "/api/realtime") {
				return e.Next()
			}
			defer g.Begin()()
			return e.Next()
		})
		return se.Next()
	})
	return g
}
