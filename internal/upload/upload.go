// Package upload checks uploaded images before anything decodes them: a
// small file can declare a huge picture (a 243 KB PNG of 16000×16000 pixels
// decodes to a gigabyte), so every upload path asks Check, which reads only
// the image's header, and Register refuses such files on every record save
// and never makes a thumbnail of one already stored.
package upload

import (
	"errors"
	"fmt"
	"image"
	_ "image/gif" // the formats PocketBase makes thumbnails of
	_ "image/jpeg"
	_ "image/png"
	"io"

	"github.com/pocketbase/pocketbase/tools/filesystem"
	_ "golang.org/x/image/webp"
)

// MaxMegapixels is the largest picture accepted, in millions of pixels:
// more than any phone camera takes, and at 4 bytes a pixel 160 MB once
// decoded for a thumbnail.
const MaxMegapixels = 40

// MaxPixels is MaxMegapixels in pixels.
const MaxPixels = MaxMegapixels * 1_000_000

// Message is the locale id of the field error for a picture over the
// limit; MessageData holds what it needs.
const Message = "upload.error.too_many_pixels"

// MessageData is the template data of Message.
var MessageData = map[string]any{"Max": MaxMegapixels}

// ErrTooManyPixels is returned for an image larger than MaxPixels.
var ErrTooManyPixels = fmt.Errorf("this picture is too large: at most %d megapixels", MaxMegapixels)

// Check reads the image header at the start of r and returns
// ErrTooManyPixels if the picture is larger than MaxPixels. Anything that
// is not an image Go can decode (PDF, HEIC, SVG, a broken header) passes:
// nothing in Townhall decodes it.
func Check(r io.Reader) error {
	cfg, _, err := image.DecodeConfig(r)
	if err != nil {
		return nil
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels {
		return ErrTooManyPixels
	}
	return nil
}

// CheckFile is Check on an upload.
func CheckFile(f *filesystem.File) error {
	r, err := f.Reader.Open()
	if err != nil {
		return fmt.Errorf("open upload %s: %w", f.OriginalName, err)
	}
	defer r.Close()
	return Check(r)
}

// CheckFiles is CheckFile on each file; it returns the first error.
func CheckFiles(files []*filesystem.File) error {
	for _, f := range files {
		if err := CheckFile(f); err != nil {
			return err
		}
	}
	return nil
}

// TooLarge reports whether err means a picture over the limit.
func TooLarge(err error) bool { return errors.Is(err, ErrTooManyPixels) }
