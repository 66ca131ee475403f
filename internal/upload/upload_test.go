package upload_test

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"image/color"
	"image/png"
	"io"
	"testing"

	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/townhall/townhall/internal/upload"
	"github.com/townhall/townhall/internal/upload/uploadtest"
)

// Check reads only the header: the huge picture is refused, a small one
// and anything that is not an image pass.
func TestCheck(t *testing.T) {
	t.Parallel()
	huge := uploadtest.HugePNG(t)
	if len(huge) > 100<<10 {
		t.Fatalf("the huge PNG is %d bytes, want a small file", len(huge))
	}
	cases := []struct {
		name string
		data []byte
		want bool // too large
	}{
		{"16000x16000 png", huge, true},
		{"small png", uploadtest.SmallPNG(t), false},
		{"pdf", []byte("%PDF-1.7\n%âãÏÓ\n"), false},
		{"empty", nil, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := filesystem.NewFileFromBytes(c.data, "x.png")
			if c.data == nil {
				f, err = filesystem.NewFileFromBytes([]byte{0}, "x.png")
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := upload.TooLarge(upload.CheckFile(f)); got != c.want {
				t.Fatalf("too large = %v, want %v", got, c.want)
			}
		})
	}
}

// The test picture is a real PNG of the size it claims: its header says
// 16000×16000 grey (1 bit a pixel), and its pixel data inflates to every row (streamed,
// never decoded into a picture).
func TestHugePNGIsValid(t *testing.T) {
	t.Parallel()
	data := uploadtest.HugePNG(t)
	cfg, err := png.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width != uploadtest.HugeSide || cfg.Height != uploadtest.HugeSide || cfg.ColorModel != color.GrayModel {
		t.Fatalf("config %+v", cfg)
	}
	const idat = 8 + 12 + 13 // signature, then the IHDR chunk
	n := binary.BigEndian.Uint32(data[idat:])
	z, err := zlib.NewReader(bytes.NewReader(data[idat+8 : idat+8+int(n)]))
	if err != nil {
		t.Fatal(err)
	}
	got, err := io.Copy(io.Discard, z)
	if err != nil {
		t.Fatal(err)
	}
	if want := int64(1+(uploadtest.HugeSide+7)/8) * uploadtest.HugeSide; got != want {
		t.Fatalf("pixel data inflates to %d bytes, want %d", got, want)
	}
}
