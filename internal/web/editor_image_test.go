package web_test

import (
	"testing"

	"github.com/townhall/townhall/internal/upload/uploadtest"
)

// A page image of more than 40 megapixels is refused beside the image
// field, translated, with the text kept, and nothing is stored.
func TestEditorRefusesHugeImage(t *testing.T) {
	s := newSite(t)
	editor := "/es/editor/pages/" + s.et.ids["es/licencias-para-perros"]
	f := cloneValues(form(s.get("ana", editor).Body))
	f.Set("body", "Texto que no se pierde.")
	f.Set("image_alt", "Un perro")
	f.Set("action", "upload")
	r := s.post("ana", editor, f, map[string][]byte{"image:perro.png": uploadtest.HugePNG(t)})
	if r.Status != 422 {
		t.Fatalf("huge image: %d", r.Status)
	}
	wantIn(t, "huge image", r.Body, `<a href="#f-image">Esta imagen es demasiado grande: como máximo 40 megapíxeles`,
		"Texto que no se pierde.</textarea>")
	n, err := s.app.CountRecords("page_images")
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d images stored", n)
	}
}
