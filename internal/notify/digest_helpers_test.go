package notify_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/security"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// The rules of notify are tested in a town of the tests' own, Testville
// (townhalltest.NewEmptyTown), with only the records each test saves; the
// digest benchmark alone runs on the demo town, for its real news.

// newTown is Testville with everything registered and nothing in it.
func newTown(t testing.TB) (*tests.TestApp, *townhall.Townhall) {
	t.Helper()
	return townhalltest.NewEmptyTown(t)
}

// demoTown is a clone of the demo town with everything registered.
func demoTown(t testing.TB) (*tests.TestApp, *townhall.Townhall) {
	t.Helper()
	return townhalltest.NewTown(t)
}

// catalogue saves Testville's two departments and a service in each:
// "Public Works" takes potholes, "Town Clerk's Office" the clerk's
// questions ("general"). It returns Public Works.
func catalogue(t testing.TB, app core.App) *core.Record {
	t.Helper()
	works := schematest.Create(t, app, "departments", map[string]any{"slug": "public-works", "name": "Public Works",
		"email": "works@testville.example"})
	clerk := schematest.Create(t, app, "departments", map[string]any{"slug": "clerk", "name": "Town Clerk's Office",
		"email": "clerk@testville.example"})
	townhalltest.Pothole(t, app, works, nil)
	townhalltest.Question(t, app, clerk)
	return works
}

// digestTimes sets when the town's daily and weekly digests come due
// (cron specs in the town's time zone).
func digestTimes(t testing.TB, app core.App, daily, weekly string) {
	t.Helper()
	rec, err := app.FindFirstRecordByFilter("town", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	rec.Set("digest_daily", daily)
	rec.Set("digest_weekly", weekly)
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
}

// submit files in as th's request rules do, failing the test on an error.
func submit(t testing.TB, app core.App, th *townhall.Townhall, in requests.Input) *core.Record {
	t.Helper()
	r, err := th.Requests.Submit(app, in)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// pavilion saves a facility with slug named "Riverside Park pavilion",
// "Pabellón del parque Riverside" in Spanish.
func pavilion(t testing.TB, app core.App, slug string) *core.Record {
	t.Helper()
	return schematest.Create(t, app, "facilities", map[string]any{"name": "Riverside Park pavilion", "slug": slug, "active": true,
		"translations": map[string]any{"es": map[string]string{"name": "Pabellón del parque Riverside"}}})
}

// reserve books a pavilion of its own for the resident, pending approval.
func reserve(t testing.TB, app core.App, userID string, at time.Time) {
	t.Helper()
	fac := pavilion(t, app, "pavilion-"+userID)
	schematest.Create(t, app, "reservations", map[string]any{"facility": fac.Id, "starts": at, "ends": at.Add(2 * time.Hour), "status": "pending", "resident": userID})
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

// period is th's period of kind (notify.Daily or Weekly) ending soon.
func period(th *townhall.Townhall, kind string) notify.Period {
	return notify.PeriodEnding(kind, soon(), th.Town.Get().Location)
}

// digestFor runs th's digests of kind for the period ending soon and
// returns the one digest to email, failing the test unless there is one.
func digestFor(t testing.TB, app core.App, th *townhall.Townhall, kind, email string) *core.Record {
	t.Helper()
	if _, err := th.Digests.Run(context.Background(), app, period(th, kind)); err != nil {
		t.Fatal(err)
	}
	got := digestsTo(t, app, email)
	if len(got) != 1 {
		t.Fatalf("%d digests to %s, want 1", len(got), email)
	}
	return got[0]
}

// crowd is Testville with some news and n residents who want the daily
// digest (emails prefix00000@example.org on), and the day ending soon.
func crowd(t testing.TB, n int, prefix string) (*tests.TestApp, *townhall.Townhall, notify.Period) {
	t.Helper()
	app, th := newTown(t)
	publish(t, app, "info", time.Time{})
	insertResidents(t, app, n, prefix, "en", "daily")
	return app, th, period(th, notify.Daily)
}

// count is app.CountRecords that fails the test on an error.
var count = schematest.Count
