package schema_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
)

// The collections a clerk handles requests in point to the staff desk, in
// the help the dashboard shows beside their first field.
func TestDashboardPointsToTheDesk(t *testing.T) {
	t.Parallel()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	for coll, field := range map[string]string{"requests": "status", "request_updates": "kind"} {
		c, err := app.FindCollectionByNameOrId(coll)
		if err != nil {
			t.Fatal(err)
		}
		f, ok := c.Fields.GetByName(field).(*core.SelectField)
		if !ok || !strings.Contains(f.Help, "staff desk") || !strings.Contains(f.Help, "/en/staff") {
			t.Errorf("%s.%s help does not point to the desk: %+v", coll, field, c.Fields.GetByName(field))
		}
	}
}
