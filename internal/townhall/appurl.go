package townhall

import (
	"fmt"
	"io"
	"log/slog"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/spf13/cobra"
	"github.com/townhall/townhall/internal/town"
)

// registerAppURL sets the Application URL (Settings → Application URL) on
// first start from what `serve` listens on, and warns at every start while
// it is no address residents can reach: every link in emails, feeds and
// Open311 answers is built on it. It runs before the other start-up
// handlers, so they read the URL it set.
func registerAppURL(app core.App, root *cobra.Command, out io.Writer) {
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Priority: -200,
		Func: func(se *core.ServeEvent) error {
			if set, err := town.SetAppURL(se.App, serveURL(root)); err != nil {
				return fmt.Errorf("set the application URL: %w", err)
			} else if set {
				se.App.Logger().Info("application URL set from the serve address", slog.String("url", se.App.Settings().Meta.AppURL))
			}
			if u := se.App.Settings().Meta.AppURL; town.LocalURL(u) {
				se.App.Logger().Warn("the application URL is not the town's public address: links in emails, calendar feeds and Open311 answers will not work for residents; set it in the dashboard under Settings → Application URL",
					slog.String("url", u))
				if out != nil {
					fmt.Fprintf(out, "Warning: links in emails and feeds point to %s, which residents cannot reach.\n"+
						"Set the town's public address in the dashboard (Settings → Application URL), or start with `townhall serve your-town.gov`.\n", u)
				}
			}
			return se.Next()
		},
	})
}

// serveURL is the address the serve command was started on, from its
// domain arguments and --http/--https flags; "" when Townhall was not
// started by `serve` (tests, other commands).
func serveURL(root *cobra.Command) string {
	if root == nil {
		return ""
	}
	cmd, _, err := root.Find([]string{"serve"})
	if err != nil || cmd == root || !cmd.Flags().Parsed() {
		return ""
	}
	httpAddr, _ := cmd.Flags().GetString("http")
	httpsAddr, _ := cmd.Flags().GetString("https")
	return town.ServeURL(cmd.Flags().Args(), httpAddr, httpsAddr)
}
