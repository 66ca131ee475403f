package requests

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
)

// TranslateAuthors says the staff's timeline entries signed by a department
// ("Public Works", as stored) in lang ("Obras Públicas"). Names that are
// not a department's are people's, and stay as written.
func TranslateAuthors(app core.App, entries []Entry, lang, def string) error {
	if lang == def || len(entries) == 0 {
		return nil
	}
	depts, err := app.FindAllRecords("departments")
	if err != nil {
		return fmt.Errorf("department names: %w", err)
	}
	names := make(map[string]string, len(depts))
	for _, d := range depts {
		if in, ok := i18n.Text(d, "name", lang, def); ok {
			names[d.GetString("name")] = in
		}
	}
	for i, e := range entries {
		if n, ok := names[e.AuthorName]; ok && !e.ByReporter {
			entries[i].AuthorName = n
		}
	}
	return nil
}
