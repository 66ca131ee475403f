package schema_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// The collections a clerk handles requests in, and the reply templates,
// point to the staff desk, in the help the dashboard shows beside their
// first field.
func TestDashboardPointsToTheDesk(t *testing.T) {
	t.Parallel()
	app := schematest.NewApp(t, migrated)
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
	tpl, err := app.FindCollectionByNameOrId("response_templates")
	if err != nil {
		t.Fatal(err)
	}
	if f, ok := tpl.Fields.GetByName("name").(*core.TextField); !ok || !strings.Contains(f.Help, "staff desk") ||
		!strings.Contains(f.Help, "/en/staff/requests/") {
		t.Errorf("response_templates.name help does not point to the desk: %+v", tpl.Fields.GetByName("name"))
	}
}
