package town

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
)

// Department is a directory entry in one language.
type Department struct {
	ID, Slug, Name, Description, Email, Phone, Location, Hours string
	Translated                                                 bool // false when shown in the default language
}

// Departments returns every department in lang, in the clerk's order.
func Departments(app core.App, lang, def string) ([]Department, error) {
	recs, err := app.FindRecordsByFilter("departments", "", "sort,name", 0, 0)
	if err != nil {
		return nil, fmt.Errorf("list departments: %w", err)
	}
	out := make([]Department, len(recs))
	for i, r := range recs {
		out[i] = DepartmentIn(r, lang, def)
	}
	return out, nil
}

// DepartmentIn is r in lang.
func DepartmentIn(r *core.Record, lang, def string) Department {
	name, ok := i18n.Text(r, "name", lang, def)
	desc, _ := i18n.Text(r, "description", lang, def)
	hours, _ := i18n.Text(r, "hours", lang, def)
	loc, _ := i18n.Text(r, "location", lang, def)
	return Department{
		ID: r.Id, Slug: r.GetString("slug"), Name: name, Description: desc, Email: r.GetString("email"),
		Phone: r.GetString("phone"), Location: loc, Hours: hours, Translated: ok,
	}
}
