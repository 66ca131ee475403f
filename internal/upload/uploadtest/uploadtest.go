// Package uploadtest makes pictures for tests of the upload limits.
package uploadtest

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/png"
	"sync"
	"testing"
)

// HugeSide is the width and height of HugePNG: 256 megapixels.
const HugeSide = 16000

var (
	hugeOnce sync.Once
	huge     []byte
)

// HugePNG is a valid 16000×16000 black-and-white PNG of about 31 KB, as an
// attacker would upload: decoded, it takes 256 MB or more. It is written a
// row at a time, so making it never holds the picture in memory; it is made
// once per test binary.
func HugePNG(t testing.TB) []byte {
	t.Helper()
	hugeOnce.Do(func() { huge = grayPNG(HugeSide, HugeSide) })
	return huge
}

// SmallPNG is a 32×24 grey PNG, well under every limit.
func SmallPNG(t testing.TB) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 32, 24))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// grayPNG streams a 1-bit greyscale PNG of w×h black pixels: small to make
// and to store (deflate packs the runs of zeros about 1000 to 1), yet a
// decoder expands it to a byte a pixel or more.
func grayPNG(w, h int) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 1, 0 // bit depth 1, greyscale
	chunk(&out, "IHDR", ihdr)
	var data bytes.Buffer
	z, _ := zlib.NewWriterLevel(&data, zlib.BestSpeed) // a valid level: no error
	row := make([]byte, 1+(w+7)/8)                     // filter byte 0, then the pixels
	for range h {
		z.Write(row)
	}
	z.Close()
	chunk(&out, "IDAT", data.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

func chunk(out *bytes.Buffer, typ string, data []byte) {
	binary.Write(out, binary.BigEndian, uint32(len(data)))
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	out.WriteString(typ)
	out.Write(data)
	binary.Write(out, binary.BigEndian, crc.Sum32())
}
