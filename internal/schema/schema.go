// Package schema holds the Go migrations that create every Townhall collection,
// with its fields, indexes and API rules. One file per collection, applied in
// file-name order; later issues add migrations, they never change what an
// old one does. A migration creates a collection with createCollection and
// changes one with alterCollection; one that does more registers its steps
// (create, alter, exec, setHelp) with migrations.Register.
package schema

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"runtime"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// rule is an API rule; a nil rule means superusers only, through the admin
// UI.
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

// step is one part of a migration; a migration runs its steps in one
// transaction.
type step = func(app core.App) error

// steps is the step that runs each of all in order, up to the first error.
func steps(all ...step) step {
	return func(app core.App) error {
		for _, s := range all {
			if err := s(app); err != nil {
				return err
			}
		}
		return nil
	}
}

// exec is the step that runs SQL statements in order.
func exec(statements ...string) step {
	return func(app core.App) error {
		for _, s := range statements {
			if _, err := app.DB().NewQuery(s).Execute(); err != nil {
				return fmt.Errorf("exec %.40q: %w", s, err)
			}
		}
		return nil
	}
}

// create is the step that creates the base collection name: build adds
// its rules, fields and indexes, then come the created and updated fields.
// A relation field may name its collection (CollectionId: "users"); it is
// resolved to that collection's id.
func create(name string, build func(c *core.Collection)) step {
	return func(app core.App) error {
		c := core.NewBaseCollection(name)
		build(c)
		withTimestamps(c)
		return saveCollection(app, c)
	}
}

// alter is the step that finds the collection name, changes it with change
// and saves it. A relation field change adds may name its collection, as
// in create.
func alter(name string, change func(c *core.Collection)) step {
	return edit(name, func(c *core.Collection) error { change(c); return nil })
}

// edit is alter for a change that may fail: then nothing is saved.
func edit(name string, change func(c *core.Collection) error) step {
	return func(app core.App) error {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			return fmt.Errorf("find collection %q: %w", name, err)
		}
		if err := change(c); err != nil {
			return fmt.Errorf("collection %s: %w", name, err)
		}
		return saveCollection(app, c)
	}
}

// createCollection registers the migration that creates the collection
// name with create; its down migration deletes the collection. The
// migration is named after the calling file, as migrations.Register names
// it.
func createCollection(name string, build func(c *core.Collection)) {
	_, file, _, _ := runtime.Caller(1)
	migrations.Register(create(name, build), deleteCollection(name), filepath.Base(file))
}

// alterCollection registers the migration that changes the collection name
// with up; down (nil for none) undoes it. The migration is named after the
// calling file.
func alterCollection(name string, up, down func(c *core.Collection)) {
	_, file, _, _ := runtime.Caller(1)
	var undo step
	if down != nil {
		undo = alter(name, down)
	}
	migrations.Register(alter(name, up), undo, filepath.Base(file))
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
func deleteCollection(name string) step {
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

// setHelp is the step that sets the help text of fields, by collection
// and field name.
func setHelp(help map[string]map[string]string) step {
	var all []step
	for name, fields := range help {
		all = append(all, edit(name, func(c *core.Collection) error {
			for field, text := range fields {
				if err := setFieldHelp(c.Fields.GetByName(field), text); err != nil {
					return fmt.Errorf("field %s: %w", field, err)
				}
			}
			return nil
		}))
	}
	return steps(all...)
}

// setFieldHelp sets the Help of f, which every field type but autodate
// has; PocketBase gives no method for it.
func setFieldHelp(f core.Field, text string) error {
	if f == nil {
		return errors.New("no such field")
	}
	help := reflect.ValueOf(f).Elem().FieldByName("Help")
	if !help.IsValid() || help.Kind() != reflect.String {
		return fmt.Errorf("a %s field has no help", f.Type())
	}
	help.SetString(text)
	return nil
}
