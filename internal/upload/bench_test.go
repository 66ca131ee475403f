package upload_test

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
	"github.com/townhall/townhall/internal/upload/uploadtest"
)

// BenchmarkHugePicture uploads the 16000×16000 PNG (about 31 KB) through
// the REST API and asks for a thumbnail of the same picture stored before
// the limit, then reports the process's peak RSS during those attempts
// (VmHWM, reset beforehand where the kernel allows). Without the limit the
// thumbnail alone took a server from 368 MB to 1.6 GB.
func BenchmarkHugePicture(b *testing.B) {
	app := newApp(b)
	defer app.Cleanup()
	huge := uploadtest.HugePNG(b)
	rec := storeUnchecked(b, app, huge)
	mux := serve(b, app)
	thumb := "/api/files/pics/" + rec.Id + "/" + rec.GetString("photo") + "?thumb=100x100"
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // reset VmHWM; unsupported: the peak since start
	before := procStatus(b, "VmRSS")
	b.ResetTimer()
	for range b.N {
		body, ctype := townhalltest.Multipart(b, url.Values{}, map[string][]byte{"photo:huge.png": huge})
		req := httptest.NewRequest(http.MethodPost, "/api/collections/pics/records", body)
		req.Header.Set("Content-Type", ctype)
		if code := do(mux, req); code != http.StatusBadRequest {
			b.Fatalf("upload: %d, want 400", code)
		}
		if code := do(mux, httptest.NewRequest(http.MethodGet, thumb, nil)); code != http.StatusUnprocessableEntity {
			b.Fatalf("thumbnail: %d, want 422", code)
		}
	}
	b.StopTimer()
	b.ReportMetric(before, "RSS-before-MB")
	b.ReportMetric(procStatus(b, "VmHWM"), "peak-RSS-MB")
}

// serve builds the app's router as `serve` does, with the OnServe hooks.
func serve(b *testing.B, app core.App) http.Handler {
	return schematest.Mux(b, app)
}

func do(h http.Handler, req *http.Request) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code
}

// procStatus is a kB line of /proc/self/status, in MB.
func procStatus(b *testing.B, key string) float64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		b.Skip("no /proc/self/status:", err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		if v, ok := strings.CutPrefix(s.Text(), key+":"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				b.Fatal(err)
			}
			return kb / 1024
		}
	}
	b.Fatalf("no %s in /proc/self/status", key)
	return 0
}
