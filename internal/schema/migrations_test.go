package schema_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// designed lists every collection of the design. A migration that adds a
// collection adds it here too, so this test covers every one.
var designed = []string{
	"users", "town", "departments", "services", "requests", "request_updates", "follows", "drafts",
	"pages", "page_revisions", "page_images", "notices",
	"facilities", "reservations", "closures", "programs", "program_sessions", "household_members", "registrations", "events",
	"outbox", "digest_runs", "inbound_mail", "api_keys", "request_numbers", "response_templates", "desk_notify",
	"payment_settings", "payments", "utility_accounts",
	"sms_settings", "sms_numbers", "sms_messages",
}

// Every collection of the design exists after the migrations, nothing else
// does, and each shows a readable field in the admin UI's relation pickers.
func TestMigrationsCreateEveryCollection(t *testing.T) {
	t.Parallel()
	app := schematest.App(t)
	all, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	views := []string{"open_requests", "overdue_requests"}
	for _, c := range all {
		if !c.System && !slices.Contains(designed, c.Name) && !slices.Contains(views, c.Name) {
			t.Errorf("collection %s is not in the design's list: add it to designed", c.Name)
		}
	}
	for _, name := range designed {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Errorf("collection %s: %v", name, err)
			continue
		}
		presentable := false
		for _, f := range c.Fields {
			if f.GetHidden() {
				continue
			}
			if b, _ := json.Marshal(f); strings.Contains(string(b), `"presentable":true`) {
				presentable = true
			}
		}
		if !presentable && name != "users" {
			t.Errorf("collection %s has no presentable field", name)
		}
	}
	for _, view := range views {
		if _, err := app.FindCollectionByNameOrId(view); err != nil {
			t.Errorf("view %s: %v", view, err)
		}
	}
	var n int
	if err := app.DB().NewQuery("SELECT count(*) FROM search_index").Row(&n); err != nil {
		t.Errorf("search index table: %v", err)
	}
}

// Every booking limit a clerk may set to 0 says beside it what 0 means.
func TestLimitsSayWhatZeroMeans(t *testing.T) {
	t.Parallel()
	app := schematest.App(t)
	for _, name := range []string{"facilities", "program_sessions"} {
		c, err := app.FindCollectionByNameOrId(name)
		if err != nil {
			t.Fatalf("collection %s: %v", name, err)
		}
		for _, f := range c.Fields {
			if n, ok := f.(*core.NumberField); ok && n.Min != nil && *n.Min == 0 && !strings.Contains(n.Help, "(0:") {
				t.Errorf("%s.%s: help %q does not say what 0 means", name, n.Name, n.Help)
			}
		}
	}
}

// The collections a clerk handles requests in, and the reply templates,
// point to the staff desk, in the help the dashboard shows beside their
// first field.
func TestDashboardPointsToTheDesk(t *testing.T) {
	t.Parallel()
	app := schematest.App(t)
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
