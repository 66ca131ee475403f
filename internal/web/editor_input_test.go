package web_test

import (
	"bytes"
	"github.com/townhall/townhall/internal/schema/schematest"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
)

// A tiny valid PNG (also in request_test.go, as png).
func pngImage() []byte { return append([]byte(nil), png...) }

// Bad input is refused beside its field, translated, with what was typed
// kept, and nothing is saved.
func TestEditorRefusesBadInputAndKeepsTheText(t *testing.T) {
	s := newSite(t)
	id := s.et.ids["es/licencias-para-perros"]
	editor := "/es/editor/pages/" + id
	open := form(s.get("ana", editor).Body)
	revisions := func() int { return schematest.Count(t, s.app, "page_revisions") }
	before := revisions()

	f := cloneValues(open)
	f.Set("title", "  ")
	f.Set("body", "Mi texto con cambios.")
	f.Set("action", "publish")
	r := s.post("ana", editor, f, nil)
	if r.Status != 422 {
		t.Fatalf("empty title: %d", r.Status)
	}
	wantIn(t, "empty title", r.Body, "Hay un problema", `<a href="#f-title">Escriba un título</a>`, `id="f-title-error"`,
		`aria-invalid="true"`, "Mi texto con cambios.</textarea>")

	long := strings.Repeat("palabra ", 25_000) + "FINAL"
	f = cloneValues(open)
	f.Set("body", long)
	f.Set("action", "draft")
	r = s.post("ana", editor, f, nil)
	if r.Status != 422 {
		t.Fatalf("oversized body: %d", r.Status)
	}
	wantIn(t, "oversized body", r.Body, "El texto es demasiado largo: una página puede tener 200000 caracteres como máximo", "FINAL</textarea>")

	f = cloneValues(open)
	f.Set("body", "Texto que no se pierde.")
	f.Set("image_alt", "Un perro")
	big := append(pngImage(), bytes.Repeat([]byte{0}, 5<<20)...)
	r = s.post("ana", editor, f, map[string][]byte{"image:perro.png": big})
	if r.Status != 422 {
		t.Fatalf("oversized image: %d", r.Status)
	}
	wantIn(t, "oversized image", r.Body, `<a href="#f-image">La imagen es demasiado grande: puede tener 5 MB como máximo`,
		"Texto que no se pierde.</textarea>")

	f.Set("action", "upload")
	r = s.post("ana", editor, f, map[string][]byte{"image:perro.png": []byte("<html><script>alert(1)</script></html>")})
	wantIn(t, "wrong image type", r.Body, "El archivo no es una imagen que el sitio pueda mostrar", "Texto que no se pierde.</textarea>")
	f.Set("image_alt", " ")
	r = s.post("ana", editor, f, map[string][]byte{"image:perro.png": pngImage()})
	wantIn(t, "no alt text", r.Body, `<a href="#f-image-alt">Describa la imagen para quienes no pueden verla</a>`)
	if n := schematest.Count(t, s.app, "page_images"); n != 0 {
		t.Errorf("%d images stored from refused uploads", n)
	}
	if revisions() != before {
		t.Errorf("refused edits recorded %d revisions", revisions()-before)
	}

	// A good image is stored and written into the text as markdown.
	f.Set("image_alt", "Un perro con su chapa")
	r = s.post("ana", editor, f, map[string][]byte{"image:perro.png": pngImage()})
	if r.Status != 200 {
		t.Fatalf("upload: %d\n%s", r.Status, excerpt(r.Body))
	}
	wantIn(t, "upload", r.Body, "La imagen se añadió al final del texto", "Texto que no se pierde.\n\n![Un perro con su chapa](/api/files/page_images/")
	if n := schematest.Count(t, s.app, "page_images"); n != 1 {
		t.Errorf("%d images stored, want 1", n)
	}
	// The image is served to anyone, as the published page needs.
	img, _ := s.app.FindFirstRecordByFilter("page_images", "page = {:p}", dbx.Params{"p": id})
	if img == nil {
		t.Fatal("image not attached to the page")
	}
	if got := s.get("", "/api/files/page_images/"+img.Id+"/"+img.GetString("file")); got.Status != 200 || !strings.HasPrefix(got.Body, "\x89PNG") {
		t.Errorf("image file: %d", got.Status)
	}
}

// A new page whose address another page in its language has is refused
// beside the address.
func TestNewPageWithATakenAddress(t *testing.T) {
	s := newSite(t)
	f := url.Values{"language": {"en"}, "title": {"Bulk item pickup"}, "section": {"waste"}, "body": {"Mine."}, "action": {"draft"}}
	r := s.post("ana", "/en/editor/new", f, nil)
	if r.Status != 422 {
		t.Fatalf("taken address: %d\n%s", r.Status, excerpt(r.Body))
	}
	wantIn(t, "taken address", r.Body, `<a href="#f-slug">Another page in this language already has this address: “Bulk item pickup”`,
		`value="bulk-item-pickup" autocomplete="off"`, "Mine.</textarea>")
	f.Set("slug", "Not A Slug!")
	wantIn(t, "bad address", s.post("ana", "/en/editor/new", f, nil).Body, "Use only lowercase letters, digits and single hyphens")
	f.Set("slug", "")
	f.Set("language", "fr")
	wantIn(t, "unknown language", s.post("ana", "/en/editor/new", f, nil).Body, `<a href="#f-language">Choose one of the options`)
	// The same address in the other language is fine: pages are per language.
	f.Set("language", "es")
	if r := s.post("ana", "/en/editor/new", f, nil); r.Status != 303 {
		t.Errorf("same address in Spanish: %d\n%s", r.Status, excerpt(r.Body))
	}
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	return out
}
