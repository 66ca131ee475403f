package notify_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// demoTown is a clone of the demo town with everything registered.
func demoTown(t testing.TB) (*tests.TestApp, *townhall.Townhall) {
	t.Helper()
	return townhalltest.NewTown(t)
}

// account is a resident or staff member, made with a real record save.
type account struct {
	email, lang, role, dept, digest string
	alerts, unverified              bool
}

func (a account) create(t testing.TB, app core.App) *core.Record {
	t.Helper()
	role := a.role
	if role == "" {
		role = "resident"
	}
	return schematest.Create(t, app, "users", map[string]any{"email": a.email, "password": "long-enough-pw", "verified": !a.unverified,
		"name": a.email[:3], "language": a.lang, "role": role, "department": a.dept, "digest": a.digest, "alerts": a.alerts})
}

// insertResidents adds n verified residents who want digest, straight into
// the table: saving ten thousand accounts through bcrypt would take minutes.
func insertResidents(t testing.TB, app core.App, n int, prefix, lang, digest string) {
	t.Helper()
	now := types.NowDateTime().String()
	err := app.RunInTransaction(func(tx core.App) error {
		for i := range n {
			_, err := tx.DB().Insert("users", dbx.Params{
				"id": security.RandomStringWithAlphabet(15, "abcdefghijklmnopqrstuvwxyz0123456789"), "email": fmt.Sprintf("%s%05d@example.org", prefix, i),
				"emailVisibility": false, "verified": true, "password": "$2a$10$xxxxxxxxxxxxxxxxxxxxxuK6bL2z9Ww0d1Q7l1m2n3o4p5q6r7s8t",
				"tokenKey": security.RandomString(50), "name": fmt.Sprintf("Resident %d", i), "avatar": "", "phone": "", "address": "",
				"language": lang, "role": "resident", "department": "", "digest": digest, "alerts": false, "created": now, "updated": now,
			}).Execute()
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// outboxWhere are the outbox messages matching filter, oldest first.
func outboxWhere(t testing.TB, app core.App, filter string, params dbx.Params) []*core.Record {
	t.Helper()
	recs, err := app.FindRecordsByFilter("outbox", filter, "created", 0, 0, params)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// digestsTo are the outbox digests to email.
func digestsTo(t testing.TB, app core.App, email string) []*core.Record {
	t.Helper()
	return outboxWhere(t, app, "to = {:to} && kind ~ 'digest.'", dbx.Params{"to": email})
}

// soon is a time in the next minute, as the end of a period that includes
// everything a test just made.
func soon() time.Time { return time.Now().Add(time.Minute) }

// count is app.CountRecords that fails the test on an error.
var count = schematest.Count
