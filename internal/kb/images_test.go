package kb_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/markdown"
	"github.com/townhall/townhall/internal/upload"
	"github.com/townhall/townhall/internal/upload/uploadtest"
)

// A tiny valid PNG.
var png = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")

func file(t testing.TB, name string, data []byte) *filesystem.File {
	f, err := filesystem.NewFileFromBytes(data, name)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestImages(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	dog := published(t, app, "en", "ed-images", "Pictures.")
	img, err := kb.AddImage(app, dog.Id, file(t, "dog.png", png), "  A dog [with] a\ntag ", ana)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(img.URL, "/api/files/page_images/"+img.ID+"/dog_") ||
		img.Markdown() != `![A dog \[with\] a tag](`+img.URL+")" {
		t.Errorf("image %+v markdown %s", img, img.Markdown())
	}
	out, err := markdown.Render(img.Markdown())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `<img src="`+img.URL+`" alt="A dog [with] a tag">`) {
		t.Errorf("rendered %s", out)
	}
	cases := map[string]struct {
		f    *filesystem.File
		alt  string
		want error
	}{
		"no alt":        {file(t, "a.png", png), " ", kb.ErrAltRequired},
		"html as png":   {file(t, "evil.png", []byte("<html><script>alert(1)</script>")), "x", kb.ErrImageType},
		"svg":           {file(t, "a.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`)), "x", kb.ErrImageType},
		"too big":       {file(t, "big.png", append(append([]byte{}, png...), bytes.Repeat([]byte{0}, kb.ImageMaxSize)...)), "x", kb.ErrImageTooBig},
		"long alt text": {file(t, "a.png", png), strings.Repeat("x", 301), kb.ErrAltTooLong},
		"huge picture":  {file(t, "huge.png", uploadtest.HugePNG(t)), "x", upload.ErrTooManyPixels},
	}
	for name, c := range cases {
		if _, err := kb.AddImage(app, dog.Id, c.f, c.alt, ana); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", name, err, c.want)
		}
	}
	imgs, err := kb.Images(app, dog.Id)
	if err != nil || len(imgs) != 1 {
		t.Errorf("images %v %v", imgs, err)
	}
}
