// Package schema holds the Go migrations that create every Townhall collection,
// with its fields, indexes and API rules. One file per collection, applied in
// file-name order; later issues add migrations, they never change what an
// old one does. A migration creates a collection with createCollection and
// changes one with alterCollection.
package schema

import (
	"fmt"
	"path/filepath"
	"runtime"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
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

// createCollection registers the migration that creates the base
// collection name: build adds its rules, fields and indexes, then come the
// created and updated fields. A relation field may name its collection
// (CollectionId: "users"); it is resolved to that collection's id. The down
// migration deletes the collection. The migration is named after the
// calling file, as migrations.Register names it.
func createCollection(name string, build func(c *core.Collection)) {
	_, file, _, _ := runtime.Caller(1)
	migrations.Register(func(app core.App) error {
		c := core.NewBaseCollection(name)
		build(c)
		withTimestamps(c)
		return saveCollection(app, c)
	}, deleteCollection(name), filepath.Base(file))
}

// alterCollection registers the migration that changes the collection name
// with up; down (nil for none) undoes it. A relation field either adds may
// name its collection, as in createCollection.
func alterCollection(name string, up, down func(c *core.Collection)) {
	_, file, _, _ := runtime.Caller(1)
	var undo func(core.App) error
	if down != nil {
		undo = func(app core.App) error { return alter(app, name, down) }
	}
	migrations.Register(func(app core.App) error { return alter(app, name, up) }, undo, filepath.Base(file))
}

// alter finds the collection name, changes it with change and saves it.
func alter(app core.App, name string, change func(c *core.Collection)) error {
	c, err := app.FindCollectionByNameOrId(name)
	if err != nil {
		return fmt.Errorf("find collection %q: %w", name, err)
	}
	change(c)
	return saveCollection(app, c)
}

// saveCollection saves c once each relation field that names its
// collection holds that collection's id.
func saveCollection(app core.App, c *core.Collection) error {
	for _, f := range c.Fields {
		if r, ok := f.(*core.RelationField); ok && r.CollectionId != c.Id {
			id, err := collectionID(app, r.CollectionId)
			if err != nil {
				return fmt.Errorf("collection %s, field %s: %w", c.Name, r.Name, err)
			}
			r.CollectionId = id
		}
	}
	return app.Save(c)
}

// removeFields is the down migration of fields added by name.
func removeFields(names ...string) func(c *core.Collection) {
	return func(c *core.Collection) {
		for _, n := range names {
			c.Fields.RemoveByName(n)
		}
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
			case *core.TextField:
				f.Help = text
			case *core.BoolField:
				f.Help = text
			}
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}
