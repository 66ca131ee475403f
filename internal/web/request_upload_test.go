package web_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
	"github.com/townhall/townhall/internal/upload/uploadtest"
)

// A photo of more than 40 megapixels is refused beside the photo field, in
// the reader's language, and nothing is stored; what was typed is kept.
func TestHugePhotoIsRefused(t *testing.T) {
	f := demo(t)
	for lang, want := range map[string]string{
		"en": "This picture is too large: at most 40 megapixels.",
		"es": "Esta imagen es demasiado grande: como máximo 40 megapíxeles.",
	} {
		body, ctype := townhalltest.Multipart(t, url.Values{"action": {"submit"}, "description": {"Keep me"}, "address": {"1 Main"},
			"attr.size": {"small"}, "contact_email": {"me@example.com"}}, map[string][]byte{"photos:hole.png": uploadtest.HugePNG(t)})
		s := post("/"+lang+"/services/pothole/request", body, ctype, nil, http.StatusUnprocessableEntity,
			[]string{want, `name="description" value="Keep me"`}, nil, f)
		s.AfterTestFunc = func(t testing.TB, app *tests.TestApp, _ *http.Response) {
			n, err := app.CountRecords("requests")
			if err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%d requests stored with a huge photo", n)
			}
		}
		s.Test(t)
	}
}
