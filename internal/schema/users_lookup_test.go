package schema_test

import (
	"database/sql"
	"errors"
	"testing"

	"github.com/townhall/townhall/internal/schema/schematest"
)

// Finding an account by email (an email to the town, signing in) reads an
// index: PocketBase's own unique index on email is partial, and SQLite
// cannot use it for `email = ?`.
func TestAccountsAreFoundByEmailThroughAnIndex(t *testing.T) {
	app := schematest.App(t)
	ana := schematest.Resident(t, app, "ana@example.com", "en")
	schematest.Resident(t, app, "ben@example.com", "es")
	qs := schematest.Queries(t, app, func() {
		got, err := app.FindAuthRecordByEmail("users", "ana@example.com")
		if err != nil || got.Id != ana.Id {
			t.Errorf("found %v (%v), want ana", got, err)
		}
		if _, err := app.FindAuthRecordByEmail("users", "nobody@example.com"); !errors.Is(err, sql.ErrNoRows) {
			t.Errorf("a stranger: %v, want no rows", err)
		}
	})
	schematest.AssertQueriesIndexed(t, app, qs, "users", "email", "idx_users_email")
}
