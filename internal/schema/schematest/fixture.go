package schematest

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// A test's own small fixture: the few records a rule depends on, saved
// through the collections' rules, so the test says what it needs and a
// change to the demo town cannot break it.

// Department saves a department with slug, named after it.
func Department(t testing.TB, app core.App, slug string) *core.Record {
	t.Helper()
	return Create(t, app, "departments", map[string]any{"slug": slug, "name": slug, "email": slug + "@testville.example"})
}

// Service saves an active service with code in dept, named after it,
// answered in five business days, with no questions and no needs; data
// adds or overrides fields (kind, needs_location, fields, anonymous, …).
func Service(t testing.TB, app core.App, dept *core.Record, code string, data map[string]any) *core.Record {
	t.Helper()
	all := map[string]any{"code": code, "name": code, "department": dept.Id, "active": true, "response_days": 5,
		"fields": []any{}}
	for k, v := range data {
		all[k] = v
	}
	return Create(t, app, "services", all)
}

// Resident saves a verified resident account with email, named after it,
// who reads lang.
func Resident(t testing.TB, app core.App, email, lang string) *core.Record {
	t.Helper()
	return Create(t, app, "users", map[string]any{"email": email, "password": "long-enough-pw", "verified": true,
		"name": email, "language": lang, "role": "resident"})
}
