package town

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// AbsURL is path on the town's public address (Settings → Application
// URL), for links in emails, feeds and API output.
func AbsURL(app core.App, path string) string {
	s, err := app.Settings().Clone() // read under PocketBase's lock: the clerk may be saving
	if err != nil {
		s = app.Settings()
	}
	return strings.TrimRight(s.Meta.AppURL, "/") + path
}
