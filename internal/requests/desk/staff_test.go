package desk_test

import (
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests/desk"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// Staff are found through the index on role, not by reading every
// account: a town has a handful of staff among tens of thousands of
// residents. Telling the department of a new request (notify), and the
// assignee lists of a request and of the bulk actions, for a department's
// staff member and for the clerk.
func TestStaffListsReadTheRoleIndex(t *testing.T) {
	app, svcs := deskTown(t)
	dept := svcs["water"].GetString("department")
	staff := schematest.Create(t, app, "users", map[string]any{"email": "pat@example.com", "password": "a-long-password-1",
		"name": "Pat", "role": "staff", "verified": true, "department": dept})
	for i := range 3 {
		schematest.Resident(t, app, "r"+string(rune('a'+i))+"@example.com", "en")
	}
	var req *core.Record
	var got [][]string
	qs := schematest.Queries(t, app, func() {
		req = schematest.Create(t, app, "requests", map[string]any{"service": svcs["water"].Id, "department": dept,
			"description": "A leak by the school", "status": "new", "channel": "web", "language": "en",
			"contact_email": "ana@example.com"})
		for _, list := range []func() ([]string, error){
			func() ([]string, error) { return names(desk.Assignable(app, req)) },
			func() ([]string, error) {
				return names((&desk.Staff{ID: staff.Id, Departments: []string{dept}}).StaffMembers(app))
			},
			func() ([]string, error) { return names((&desk.Staff{Clerk: true}).StaffMembers(app)) },
		} {
			n, err := list()
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, n)
		}
	})
	for i, n := range got {
		if len(n) != 1 || n[0] != "Pat" {
			t.Errorf("list %d: %v, want [Pat]", i, n)
		}
	}
	told, err := app.CountRecords("outbox", dbx.HashExp{"to": "pat@example.com", "kind": "request.staff"})
	if err != nil || told != 1 {
		t.Errorf("the department's staff member was told %d times (%v), want once", told, err)
	}
	schematest.AssertQueriesIndexed(t, app, qs, "users", "role", "idx_users_role")
}

func names(recs []*core.Record, err error) ([]string, error) {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.GetString("name")
	}
	return out, err
}
