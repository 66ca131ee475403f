package upload_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
	"github.com/townhall/townhall/internal/upload"
	"github.com/townhall/townhall/internal/upload/uploadtest"
)

// newApp is a test app with upload.Register and a public "pics"
// collection with one file field that makes 100x100 thumbnails.
func newApp(t testing.TB) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	upload.Register(app)
	col := core.NewBaseCollection("pics")
	col.ListRule, col.ViewRule, col.CreateRule = new(string), new(string), new(string)
	col.Fields.Add(&core.FileField{Name: "photo", MaxSelect: 1, MaxSize: 8 << 20, Thumbs: []string{"100x100"}})
	if err := app.Save(col); err != nil {
		t.Fatal(err)
	}
	return app
}

// storeUnchecked stores data as a pic the way a file uploaded before the
// limit existed was stored: without validation.
func storeUnchecked(t testing.TB, app core.App, data []byte) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId("pics")
	if err != nil {
		t.Fatal(err)
	}
	f, err := filesystem.NewFileFromBytes(data, "pic.png")
	if err != nil {
		t.Fatal(err)
	}
	rec := core.NewRecord(col)
	rec.Set("photo", f)
	if err := app.SaveNoValidate(rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

// thumbExists reports whether PocketBase made the 100x100 thumbnail.
func thumbExists(t testing.TB, app core.App, rec *core.Record) bool {
	t.Helper()
	fsys, err := app.NewFilesystem()
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	name := rec.GetString("photo")
	ok, err := fsys.Exists(rec.BaseFilesPath() + "/thumbs_" + name + "/100x100_" + name)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// The REST API (and so the dashboard) refuses a huge picture with a field
// error and stores nothing; a small one is stored.
func TestRESTUploadRefusesHugePicture(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name    string
		data    []byte
		status  int
		content []string
		records int
	}{
		{"huge", uploadtest.HugePNG(t), http.StatusBadRequest,
			[]string{`"photo":{"code":"validation_image_too_large","message":"This picture is too large: at most 40 megapixels."}`}, 0},
		{"small", uploadtest.SmallPNG(t), http.StatusOK, []string{`"photo":"pic_`}, 1},
	} {
		body, ctype := townhalltest.Multipart(t, url.Values{}, map[string][]byte{"photo:pic.png": c.data})
		(&tests.ApiScenario{
			Name: c.name, Method: http.MethodPost, URL: "/api/collections/pics/records",
			Body: body, Headers: map[string]string{"Content-Type": ctype},
			TestAppFactory:  newApp,
			ExpectedStatus:  c.status,
			ExpectedContent: c.content,
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				n, err := app.CountRecords("pics")
				if err != nil {
					t.Fatal(err)
				}
				if int(n) != c.records {
					t.Fatalf("%d records stored, want %d", n, c.records)
				}
			},
		}).Test(t)
	}
}

// A huge picture stored before the limit gets no thumbnail: the request is
// refused and nothing is decoded (no thumbnail file appears). A small
// picture's thumbnail is made as before.
func TestThumbOfHugePictureRefused(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		data   []byte
		status int
		thumb  bool
	}{
		{"huge", uploadtest.HugePNG(t), http.StatusUnprocessableEntity, false},
		{"small", uploadtest.SmallPNG(t), http.StatusOK, true},
	} {
		var rec *core.Record
		app := newApp(t)
		defer app.Cleanup()
		rec = storeUnchecked(t, app, c.data)
		(&tests.ApiScenario{
			Name: c.name, Method: http.MethodGet,
			URL:                   "/api/files/pics/" + rec.Id + "/" + rec.GetString("photo") + "?thumb=100x100",
			TestAppFactory:        func(testing.TB) *tests.TestApp { return app },
			DisableTestAppCleanup: true,
			ExpectedStatus:        c.status,
			NotExpectedContent:    []string{"never in a picture"},
			AfterTestFunc: func(t testing.TB, app *tests.TestApp, _ *http.Response) {
				if got := thumbExists(t, app, rec); got != c.thumb {
					t.Fatalf("thumbnail made: %v, want %v", got, c.thumb)
				}
			},
		}).Test(t)
	}
}
