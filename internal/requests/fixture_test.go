package requests_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// The request rules are tested on a town of the tests' own, not on the demo
// town: Testville (New York time, open on weekdays 8:00–16:30), with only
// the department, services and residents each test saves below.

// townApp is Testville with every hook registered and its request rules,
// removed when the test ends.
func townApp(t *testing.T) (*tests.TestApp, *requests.Domain) {
	t.Helper()
	app, th := townhalltest.NewEmptyTown(t)
	return app, th.Requests
}

// works saves the department the fixture's services belong to.
func works(t testing.TB, app core.App) *core.Record {
	t.Helper()
	return schematest.Department(t, app, "works")
}

// question saves "general" in dept, a question for the clerk: a request
// needs its description, anyone may ask, answered in two business days.
func question(t testing.TB, app core.App, dept *core.Record) *core.Record {
	t.Helper()
	return schematest.Service(t, app, dept, "general", map[string]any{"kind": "question", "needs_description": true,
		"anonymous": true, "response_days": 2})
}

// pothole saves "pothole" in dept, a problem on the street: a request needs
// a place and its size (a required choice: small, medium or large), anyone
// may report it, answered in five business days.
func pothole(t testing.TB, app core.App, dept *core.Record) *core.Record {
	t.Helper()
	return schematest.Service(t, app, dept, "pothole", map[string]any{"kind": "problem", "needs_location": true,
		"anonymous": true, "response_days": 5, "fields": []any{townhalltest.Field("size", "singlevaluelist", true, "size", "small", "medium", "large")}})
}

// resident saves a verified resident, resident@testville.example, in English.
func resident(t testing.TB, app core.App) *core.Record {
	t.Helper()
	return schematest.Resident(t, app, "resident@testville.example", "en")
}
