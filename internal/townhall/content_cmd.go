package townhall

import (
	"fmt"
	"os"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
	"github.com/townhall/townhall/internal/kb"
)

// contentCommand is `townhall content import|export DIR`, for volunteers who
// keep the knowledge base as files.
func contentCommand(app core.App) *cobra.Command {
	cmd := &cobra.Command{Use: "content", Short: "Import or export the knowledge base as markdown files"}
	cmd.AddCommand(&cobra.Command{
		Use:   "import DIR",
		Short: "Create or update pages from DIR/<lang>/<section>/<slug>.md files",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			root, err := os.OpenRoot(args[0])
			if err != nil {
				return err
			}
			defer root.Close()
			// root.FS never resolves a path outside the folder.
			rep, err := kb.Import(app, root.FS(), "import")
			if err != nil {
				return err
			}
			out := c.OutOrStdout()
			for _, f := range rep.Created {
				fmt.Fprintln(out, "created  ", f)
			}
			for _, f := range rep.Updated {
				fmt.Fprintln(out, "updated  ", f)
			}
			for _, e := range rep.Errors {
				fmt.Fprintln(out, "skipped  ", e.Error())
			}
			fmt.Fprintf(out, "%d created, %d updated, %d unchanged, %d skipped\n",
				len(rep.Created), len(rep.Updated), len(rep.Unchanged), len(rep.Errors))
			if len(rep.Errors) > 0 {
				return fmt.Errorf("%d files could not be imported", len(rep.Errors))
			}
			return nil
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:   "export DIR",
		Short: "Write every page to DIR/<lang>/<section>/<slug>.md",
		Args:  cobra.ExactArgs(1),
		RunE: func(c *cobra.Command, args []string) error {
			if err := app.RunAllMigrations(); err != nil {
				return err
			}
			files, err := kb.Export(app, args[0])
			if err != nil {
				return err
			}
			fmt.Fprintf(c.OutOrStdout(), "%d pages written to %s\n", len(files), args[0])
			return nil
		},
	})
	return cmd
}
