package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"sync"

	"github.com/pocketbase/pocketbase/core"
)

// asset is one file of pb_public, read once at start-up, with its
// fingerprinted name and its gzipped bytes (compressed once, not per request).
type asset struct {
	name   string // townhall.css
	hashed string // townhall.3f2a9c1b07.css
	ctype  string
	body   []byte
	gz     []byte // nil when gzip does not make it smaller
}

// assets are the static files by plain and fingerprinted name.
type assets struct {
	byName map[string]*asset
	byHash map[string]*asset
}

// immutable is how long a fingerprinted file may be kept: its name changes
// whenever its content does.
const immutable = "public, max-age=31536000, immutable"

// loadAssets reads every file of static (pb_public) and names each by its
// content's hash, so /static/townhall.<hash>.css can be cached for a year.
func loadAssets(static fs.FS) (*assets, error) {
	a := &assets{byName: map[string]*asset{}, byHash: map[string]*asset{}}
	if static == nil {
		return a, nil
	}
	err := fs.WalkDir(static, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := fs.ReadFile(static, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		ext := path.Ext(p)
		f := &asset{name: p, body: body, ctype: mime.TypeByExtension(ext),
			hashed: strings.TrimSuffix(p, ext) + "." + hex.EncodeToString(sum[:5]) + ext}
		if f.ctype == "" {
			f.ctype = "application/octet-stream"
		}
		if compressible(f.ctype) {
			if gz := gzipBytes(body); len(gz) < len(body) {
				f.gz = gz
			}
		}
		a.byName[p], a.byHash[f.hashed] = f, f
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read static files: %w", err)
	}
	return a, nil
}

// url is the fingerprinted address of a static file, for templates:
// {{static "townhall.css"}} gives /static/townhall.3f2a9c1b07.css.
func (a *assets) url(name string) string {
	if f := a.byName[name]; f != nil {
		return "/static/" + f.hashed
	}
	return "/static/" + name
}

// serve answers /static/{path}: a fingerprinted name is kept for a year; a
// plain name (old links, the favicon redirect) for a day.
func (a *assets) serve(e *core.RequestEvent) error {
	p := e.Request.PathValue("path")
	f, cache := a.byHash[p], immutable
	if f == nil {
		f, cache = a.byName[p], "public, max-age=86400"
	}
	if f == nil {
		return e.NotFoundError("", nil)
	}
	hd := e.Response.Header()
	hd.Set("Cache-Control", cache)
	hd.Set("Content-Type", f.ctype)
	hd.Set("X-Content-Type-Options", "nosniff")
	return writeBody(e, http.StatusOK, f.body, f.gz)
}

// compressible reports whether a content type is text worth gzipping.
func compressible(ctype string) bool {
	return strings.HasPrefix(ctype, "text/") || strings.Contains(ctype, "javascript") ||
		strings.Contains(ctype, "json") || strings.Contains(ctype, "svg") || strings.Contains(ctype, "xml")
}

// minGzip is the size below which compressing saves less than it costs.
const minGzip = 512

var gzipWriters = sync.Pool{New: func() any {
	w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression)
	return w
}}

// gzipBytes compresses body; it returns nil for a body too small to gain.
func gzipBytes(body []byte) []byte {
	if len(body) < minGzip {
		return nil
	}
	var buf bytes.Buffer
	w := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(w)
	w.Reset(&buf)
	if _, err := w.Write(body); err != nil {
		return nil
	}
	if err := w.Close(); err != nil {
		return nil
	}
	return buf.Bytes()
}

// acceptsGzip reports whether the client takes gzip (and did not refuse it
// with q=0).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), "gzip") && strings.TrimSpace(name) != "*" {
			continue
		}
		if q, ok := strings.CutPrefix(strings.ReplaceAll(params, " ", ""), "q="); ok {
			if v, err := strconv.ParseFloat(q, 64); err == nil && v == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// writeBody writes body, or gz (the same bytes gzipped) to a client that
// accepts gzip. Either way the answer varies by Accept-Encoding.
func writeBody(e *core.RequestEvent, status int, body, gz []byte) error {
	hd := e.Response.Header()
	hd.Add("Vary", "Accept-Encoding")
	if gz != nil && acceptsGzip(e.Request) {
		hd.Set("Content-Encoding", "gzip")
		body = gz
	}
	hd.Set("Content-Length", strconv.Itoa(len(body)))
	e.Response.WriteHeader(status)
	if e.Request.Method == http.MethodHead {
		return nil
	}
	_, err := e.Response.Write(body)
	return err
}
