// Package schema holds the Go migrations that create every Townhall collection,
// with its fields, indexes and API rules. One file per collection, applied in
// file-name order; later issues add migrations, they never edit old ones.
package schema

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// public is the API rule for anyone, signed in or not; a nil rule means
// superusers only, through the admin UI.
var public = types.Pointer("")

func rule(s string) *string { return types.Pointer(s) }

// withTimestamps adds the created and updated fields every collection has.
func withTimestamps(c *core.Collection) {
	c.Fields.Add(
		&core.AutodateField{Name: "created", OnCreate: true},
		&core.AutodateField{Name: "updated", OnCreate: true, OnUpdate: true},
	)
}

// collectionID returns the id of a collection created by an earlier migration.
func collectionID(app core.App, name string) (string, error) {
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		return "", fmt.Errorf("find collection %q: %w", name, err)
	}
	return c.Id, nil
}

// translationsField is the per-language copy of a record's text fields, keyed
// by language code, so adding a language is data, not code.
func translationsField(example string) *core.JSONField {
	return &core.JSONField{
		Name:    "translations",
		MaxSize: 200_000,
		Help:    "Text in other languages, by language code. Example: " + example + ". Missing languages fall back to the fields above.",
	}
}

// deleteCollection is the shared down migration.
func deleteCollection(name string) func(core.App) error {
	return func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return nil
		}
		return app.Delete(c)
	}
}

// Languages a record may be written in. Kept in a pattern, not a select, so a
// town can add a language by adding files.
const languagePattern = `^[a-z]{2,3}(-[A-Z]{2})?$`

// setHelp sets the help text of fields, by collection and field name.
func setHelp(app core.App, help map[string]map[string]string) error {
	for name, fields := range help {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return err
		}
		for field, text := range fields {
			switch f := c.Fields.GetByName(field).(type) {
			case *core.NumberField:
				f.Help = text
			case *core.SelectField:
				f.Help = text
			case *core.JSONField:
				f.Help = text
			}
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
