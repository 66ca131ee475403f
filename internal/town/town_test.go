package town_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/town"
)

func TestMain(m *testing.M) { schematest.Run(m) }

// offered is the UI's set of translated languages in these tests.
func offered(lang string) bool { return lang == "en" || lang == "es" }

// save creates a record of collection, or fails the test.
var save = schematest.Create

func TestStoreFollowsTheClerksSaves(t *testing.T) {
	app := schematest.App(t)
	s := town.NewStore(app, offered)
	if got := s.Get(); got.Name != "Townhall" || got.Location != time.UTC {
		t.Fatalf("before any record: %+v, want the placeholder", got)
	}
	r := save(t, app, "town", map[string]any{
		"name": "Town of Pine Hill", "timezone": "America/Denver", "languages": []string{"fr", "es", "en"},
		"default_language": "en", "translations": map[string]any{"es": map[string]string{"name": "Pueblo de Pine Hill"}},
	})
	got := s.Get()
	if got.Name != "Town of Pine Hill" || got.Location.String() != "America/Denver" {
		t.Fatalf("after create: %q in %v", got.Name, got.Location)
	}
	// French has no UI translation, so it is not offered; the default comes first.
	if strings.Join(got.Languages, ",") != "en,es" || got.DefaultLanguage != "en" {
		t.Errorf("languages %v default %q, want [en es] en", got.Languages, got.DefaultLanguage)
	}
	if got.NameIn("es") != "Pueblo de Pine Hill" || got.NameIn("en") != "Town of Pine Hill" {
		t.Errorf("NameIn: es %q en %q", got.NameIn("es"), got.NameIn("en"))
	}
	if got.Offers("fr") || !got.Offers("es") {
		t.Errorf("Offers: fr %v es %v", got.Offers("fr"), got.Offers("es"))
	}
	r.Set("name", "Village of Pine Hill")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	if got := s.Get().Name; got != "Village of Pine Hill" {
		t.Errorf("after update: %q", got)
	}
	if err := app.Delete(r); err != nil {
		t.Fatal(err)
	}
	if got := s.Get().Name; got != "Townhall" {
		t.Errorf("after delete: %q, want the placeholder", got)
	}
}

// A town record with a broken time zone or office hours still gives a usable
// town, and the error names the fields.
func TestFromRecordKeepsWhatWorks(t *testing.T) {
	app := schematest.App(t)
	c, err := app.FindCollectionByNameOrId("town")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(c)
	r.Load(map[string]any{"name": "Alder Creek", "timezone": "Mars/Olympus", "languages": `["es"]`,
		"default_language": "en", "office_hours": `{"not":"a list"}`})
	got, err := town.FromRecord(r, offered)
	if err == nil || !strings.Contains(err.Error(), "timezone") || !strings.Contains(err.Error(), "office_hours") {
		t.Errorf("error %v, want one naming timezone and office_hours", err)
	}
	if got == nil || got.Location != time.UTC || got.DefaultLanguage != "es" || got.Name != "Alder Creek" {
		t.Fatalf("town %+v: want UTC, default es (the only offered language), name kept", got)
	}
}

func TestNoticesShowInTheirWindow(t *testing.T) {
	app := schematest.App(t)
	now := time.Date(2026, 3, 8, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) string { return now.Add(d).Format("2006-01-02 15:04:05.000Z") }
	save(t, app, "notices", map[string]any{"title": "Past", "severity": "info", "published": true, "ends": at(-time.Hour)})
	save(t, app, "notices", map[string]any{"title": "Future", "severity": "info", "published": true, "starts": at(time.Hour)})
	save(t, app, "notices", map[string]any{"title": "Draft", "severity": "critical", "published": false})
	save(t, app, "notices", map[string]any{"title": "Leaf pickup", "body": "Bags **by the curb** <script>x</script>",
		"severity": "info", "published": true, "starts": at(-48 * time.Hour)})
	save(t, app, "notices", map[string]any{"title": "Boil water", "severity": "critical", "published": true,
		"starts": at(-time.Hour), "translations": map[string]any{"es": map[string]string{"title": "Hervir el agua"}}})

	all, err := town.Notices(app, "es", "en", now, false, 10)
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, n := range all {
		titles = append(titles, n.Title)
	}
	if strings.Join(titles, "|") != "Hervir el agua|Leaf pickup" {
		t.Fatalf("showing %q, want the two current ones, newest first", titles)
	}
	if !all[0].Translated || all[1].Translated || !all[0].Critical {
		t.Errorf("translated %v/%v critical %v", all[0].Translated, all[1].Translated, all[0].Critical)
	}
	body := string(all[1].Body)
	if !strings.Contains(body, "<strong>by the curb</strong>") || strings.Contains(body, "<script>") {
		t.Errorf("body %q: want markdown rendered and raw HTML escaped", body)
	}
	critical, err := town.Notices(app, "en", "en", now, true, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(critical) != 1 || critical[0].Title != "Boil water" {
		t.Errorf("critical only: %+v", critical)
	}
}

func TestDepartmentsInOrderAndLanguage(t *testing.T) {
	app := schematest.App(t)
	save(t, app, "departments", map[string]any{"name": "Public Works", "slug": "public-works", "sort": 2,
		"translations": map[string]any{"es": map[string]string{"name": "Obras Públicas"}}})
	save(t, app, "departments", map[string]any{"name": "Clerk", "slug": "clerk", "sort": 1})
	got, err := town.Departments(app, "es", "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "Clerk" || got[1].Name != "Obras Públicas" {
		t.Fatalf("departments %+v", got)
	}
	if got[0].Translated || !got[1].Translated {
		t.Errorf("translated flags: %v %v, want false (fallback) then true", got[0].Translated, got[1].Translated)
	}
}
