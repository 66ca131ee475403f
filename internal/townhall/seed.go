package townhall

import (
	"fmt"
	"io"
	"io/fs"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/demo"
	"github.com/townhall/townhall/internal/requests"
)

// SeedDemo fills an empty database with the demo town and its requests
// (filed through d, once the town is loaded) and prints the demo accounts to
// out, once. It reports whether it seeded.
func SeedDemo(app core.App, content fs.FS, d *requests.Domain, out io.Writer) (bool, error) {
	needed, err := demo.Needed(app)
	if err != nil || !needed {
		return false, err
	}
	creds, report, err := demo.Seed(app, content)
	if err != nil {
		return false, err
	}
	d.Town.Reload()
	if err := demo.SeedRequests(app, d); err != nil {
		return false, err
	}
	for _, e := range report.Errors {
		app.Logger().Warn("starter content skipped", "file", e.File, "line", e.Line, "error", e.Msg)
	}
	fmt.Fprintf(out, `
┌──────────────────────────────────────────────────────────────────┐
  The demo town of Alder Creek is ready (%d help pages imported).
  Write these down: they are shown only this once.

  Clerk (admin dashboard, /_/):  %s
                      password:  %s
  Demo resident:                 %s
                      password:  %s

  Forgot them? ./townhall superuser upsert EMAIL NEWPASSWORD
└──────────────────────────────────────────────────────────────────┘
`, len(report.Created), creds.SuperuserEmail, creds.SuperuserPassword, creds.ResidentEmail, creds.ResidentPassword)
	return true, nil
}
