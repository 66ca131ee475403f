package townhalltest

import (
	"bytes"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"
)

// Multipart is a multipart/form-data body, as a browser sends a form with
// files, and its Content-Type. Files are "field:filename" → content.
func Multipart(t testing.TB, fields url.Values, files map[string][]byte) (*bytes.Buffer, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for k, vs := range fields {
		for _, v := range vs {
			if err := w.WriteField(k, v); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, data := range files {
		field, filename, _ := strings.Cut(name, ":")
		fw, err := w.CreateFormFile(field, filename)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := fw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return &buf, w.FormDataContentType()
}
