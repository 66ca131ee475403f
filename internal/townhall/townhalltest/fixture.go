package townhalltest

import (
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// The few services the channels' tests file to in Testville (NewEmptyTown),
// each saved by the test that needs it: a channel's rules are tested on
// what the test says, not on the demo town's catalogue.

// Field is a form question with code, asked as ask in English; choices
// are a list's keys, each named after itself.
func Field(code, datatype string, required bool, ask string, choices ...string) map[string]any {
	q := map[string]any{"code": code, "datatype": datatype, "required": required, "description": map[string]string{"en": ask}}
	if len(choices) > 0 {
		var values []map[string]any
		for _, c := range choices {
			values = append(values, map[string]any{"key": c, "name": map[string]string{"en": c}})
		}
		q["values"] = values
	}
	return q
}

// Pothole saves "pothole" ("Pothole", Spanish "Bache", group Streets) in
// dept: a problem on the street that needs a place and its size ("How big
// is it?": small, medium or large, required); anyone may report it, with
// photos, answered in five business days. data adds or overrides fields.
func Pothole(t testing.TB, app core.App, dept *core.Record, data map[string]any) *core.Record {
	t.Helper()
	all := map[string]any{"name": "Pothole", "group": "Streets", "kind": "problem", "needs_location": true,
		"anonymous": true, "photos": true, "translations": map[string]any{"es": map[string]string{"name": "Bache"}},
		"fields": []any{Field("size", "singlevaluelist", true, "How big is it?", "small", "medium", "large")}}
	for k, v := range data {
		all[k] = v
	}
	return schematest.Service(t, app, dept, "pothole", all)
}

// Question saves "general" ("Question for the clerk") in dept: a question
// that needs its description, anyone may ask, answered in two business
// days.
func Question(t testing.TB, app core.App, dept *core.Record) *core.Record {
	t.Helper()
	return schematest.Service(t, app, dept, "general", map[string]any{"name": "Question for the clerk", "kind": "question",
		"needs_description": true, "anonymous": true, "response_days": 2})
}
