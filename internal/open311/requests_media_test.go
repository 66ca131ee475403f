package open311_test

import (
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/upload/uploadtest"
)

// A photo of more than 40 megapixels is refused with a description that
// says so, and no request is stored.
func TestPostHugeMediaRefused(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	key, _ := newKey(t, s.app, 0)
	d := s.postMultipart(api+"/requests.json", pothole(key), map[string][]byte{"media:huge.png": uploadtest.HugePNG(t)}).expectError(t, 400, "json")
	if len(d) != 1 || !strings.Contains(d[0], "at most 40 megapixels") {
		t.Errorf("descriptions %q", d)
	}
	n, err := s.app.CountRecords("requests")
	if err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("%d requests stored", n)
	}
}
