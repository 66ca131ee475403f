package web_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
)

// A cached page changes as soon as its content is saved.
func TestPageCacheFollowsEdits(t *testing.T) {
	app := demo(t)(t)
	defer app.Cleanup()
	handler := serveMux(t, app)
	page := func() string {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, httptest.NewRequest("GET", "/en/help/waste/bulk-item-pickup", nil))
		body, _ := io.ReadAll(rec.Result().Body)
		return string(body)
	}
	for range 2 { // the second one comes from the cache
		if got := page(); !strings.Contains(got, "<h1>Bulk item pickup</h1>") {
			t.Fatalf("unexpected page:\n%.400s", got)
		}
	}
	rec, err := app.FindFirstRecordByData("pages", "slug", "bulk-item-pickup")
	if err != nil {
		t.Fatal(err)
	}
	rec.Set("title", "Big things pickup")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	if got := page(); !strings.Contains(got, "<h1>Big things pickup</h1>") {
		t.Errorf("the cache kept the old page after an edit:\n%.400s", got)
	}
}

// serveMux is the app's whole HTTP handler, for tests that make several
// requests to one app.
func serveMux(t testing.TB, app core.App) http.Handler {
	r, err := apis.NewRouter(app)
	if err != nil {
		t.Fatal(err)
	}
	se := &core.ServeEvent{App: app, Router: r}
	if err := app.OnServe().Trigger(se, func(e *core.ServeEvent) error { return nil }); err != nil {
		t.Fatal(err)
	}
	mux, err := r.BuildMux()
	if err != nil {
		t.Fatal(err)
	}
	return mux
}
