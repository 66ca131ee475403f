package requests_test

import (
	"slices"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// servicePaths is the paths of the services search finds for q in lang.
func servicePaths(t *testing.T, app core.App, q, lang string) []string {
	t.Helper()
	return schematest.Found(t, app, "service", q, lang)
}

func TestServicesFollowTheirSavesInTheIndex(t *testing.T) {
	app, _ := townApp(t)
	svc := pothole(t, app, works(t, app))
	svc.Set("keywords", "zamboni")
	if err := app.Save(svc); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "es"} {
		if got := servicePaths(t, app, "zamboni", lang); !slices.Equal(got, []string{"/" + lang + "/services/pothole"}) {
			t.Errorf("%s: a saved keyword finds %v", lang, got)
		}
	}
	if err := requests.ReindexServices(app, []string{"en"}, "en"); err != nil {
		t.Fatal(err)
	}
	if got := servicePaths(t, app, "zamboni", "es"); len(got) != 0 {
		t.Errorf("a language no longer offered is still searched: %v", got)
	}
	if got := servicePaths(t, app, "zamboni", "en"); len(got) != 1 {
		t.Errorf("reindexed service not found: %v", got)
	}
	svc.Set("active", false)
	if err := app.Save(svc); err != nil {
		t.Fatal(err)
	}
	if got := servicePaths(t, app, "zamboni", "en"); len(got) != 0 {
		t.Errorf("an inactive service is still found: %v", got)
	}
}
