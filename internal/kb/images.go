package kb

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/townhall/townhall/internal/upload"
)

// Limits on page images, the same as the page_images collection's file field.
const (
	ImageMaxSize = 5 << 20
	maxAlt       = 300
)

// ImageTypes are the image types a page may show, as browsers sniff them.
var ImageTypes = []string{"image/jpeg", "image/png", "image/webp", "image/gif"}

// Why an image was refused.
var (
	ErrImageTooBig = errors.New("image too big")
	ErrImageType   = errors.New("not an image type pages can show")
	ErrAltRequired = errors.New("alt text required")
	ErrAltTooLong  = errors.New("alt text too long")
)

// Image is a picture uploaded for a page.
type Image struct {
	ID      string
	Alt     string
	URL     string // site path of the file
	Created time.Time
}

// Markdown is how the image is written in a page.
func (i *Image) Markdown() string {
	alt := strings.NewReplacer(`\`, `\\`, `[`, `\[`, `]`, `\]`).Replace(i.Alt)
	return "![" + alt + "](" + i.URL + ")"
}

func imageFromRecord(r *core.Record) *Image {
	return &Image{
		ID: r.Id, Alt: r.GetString("alt"), Created: r.GetDateTime("created").Time(),
		URL: "/api/files/page_images/" + r.Id + "/" + r.GetString("file"),
	}
}

// AddImage stores an image for a page (pageID may be "" for a page not yet
// saved). The type is read from the file's content, never its name; a
// picture over the pixel limit is refused with upload.ErrTooManyPixels.
func AddImage(app core.App, pageID string, f *filesystem.File, alt string, by Author) (*Image, error) {
	alt = strings.Join(strings.Fields(alt), " ")
	switch {
	case alt == "":
		return nil, ErrAltRequired
	case utf8.RuneCountInString(alt) > maxAlt:
		return nil, ErrAltTooLong
	case f.Size > ImageMaxSize:
		return nil, ErrImageTooBig
	}
	if typ, err := sniff(f); err != nil || !slices.Contains(ImageTypes, typ) {
		return nil, ErrImageType
	}
	if err := upload.CheckFile(f); err != nil { // from the header: never decoded
		return nil, err
	}
	col, err := app.FindCollectionByNameOrId("page_images")
	if err != nil {
		return nil, err
	}
	rec := core.NewRecord(col)
	rec.Load(map[string]any{"alt": alt, "page": pageID, "author": by.ID})
	rec.Set("file", f)
	if err := app.Save(rec); err != nil {
		return nil, fmt.Errorf("save image: %w", err)
	}
	return imageFromRecord(rec), nil
}

func sniff(f *filesystem.File) (string, error) {
	r, err := f.Reader.Open()
	if err != nil {
		return "", err
	}
	defer r.Close()
	head := make([]byte, 512)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", err
	}
	return http.DetectContentType(head[:n]), nil
}

// Images returns the images uploaded for a page, newest first.
func Images(app core.App, pageID string) ([]*Image, error) {
	if pageID == "" {
		return nil, nil
	}
	recs, err := app.FindRecordsByFilter("page_images", "page = {:page}", "-created", 100, 0, dbx.Params{"page": pageID})
	if err != nil {
		return nil, fmt.Errorf("list images of %s: %w", pageID, err)
	}
	out := make([]*Image, len(recs))
	for i, r := range recs {
		out[i] = imageFromRecord(r)
	}
	return out, nil
}

// ClaimImages attaches images uploaded before a new page was first saved.
func ClaimImages(app core.App, pageID string, ids []string) error {
	for _, id := range ids {
		r, err := app.FindRecordById("page_images", id)
		if err != nil || r.GetString("page") != "" {
			continue
		}
		r.Set("page", pageID)
		if err := app.Save(r); err != nil {
			return fmt.Errorf("attach image %s: %w", id, err)
		}
	}
	return nil
}
