package web

import (
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// pageCache keeps rendered public pages for visitors who are not signed in,
// so a busy article costs a map lookup instead of queries and a template.
// Any change to the content collections or settings empties it, and entries
// expire after a short while so a notice's start and end times take effect.
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]cachedPage
	gen     atomic.Uint64
}

type cachedPage struct {
	body    []byte
	gz      []byte // body gzipped once when stored (nil: too small to gain)
	lang    string
	gen     uint64
	expires time.Time
}

const (
	cacheTTL        = 30 * time.Second
	cacheMaxEntries = 5000
	cacheKeyName    = "townhallCacheKey"
)

func newPageCache(app core.App) *pageCache {
	c := &pageCache{entries: map[string]cachedPage{}}
	flush := func(e *core.RecordEvent) error {
		err := e.Next()
		c.gen.Add(1)
		return err
	}
	content := []string{"town", "pages", "services", "departments", "notices"}
	app.OnRecordAfterCreateSuccess(content...).BindFunc(flush)
	app.OnRecordAfterUpdateSuccess(content...).BindFunc(flush)
	app.OnRecordAfterDeleteSuccess(content...).BindFunc(flush)
	app.OnSettingsReload().BindFunc(func(e *core.SettingsReloadEvent) error {
		c.gen.Add(1)
		return e.Next()
	})
	return c
}

// cached serves a page from the cache when it can, and otherwise marks the
// request so render stores what it writes. Only plain GETs by visitors who
// are not signed in are cached: no query string, no session.
func (h *Handler) cached(next langHandler) langHandler {
	return func(e *core.RequestEvent, lang string) error {
		if e.Auth != nil || e.Request.Method != http.MethodGet || e.Request.URL.RawQuery != "" || hasFlash(e) {
			return next(e, lang)
		}
		key := e.Request.URL.Path
		h.cache.mu.RLock()
		p, ok := h.cache.entries[key]
		h.cache.mu.RUnlock()
		if ok && p.gen == h.cache.gen.Load() && time.Now().Before(p.expires) {
			return writeCompressedHTML(e, http.StatusOK, p.lang, p.body, p.gz)
		}
		e.Set(cacheKeyName, key)
		return next(e, lang)
	}
}

func hasFlash(e *core.RequestEvent) bool {
	_, err := e.Request.Cookie(flashCookie)
	return err == nil
}

// store keeps a rendered page if the request was marked by cached, with
// its gzipped bytes, compressed here once for every later visitor. It
// reports whether it kept the page, and returns the gzipped bytes.
func (c *pageCache) store(e *core.RequestEvent, lang string, body []byte) ([]byte, bool) {
	key, _ := e.Get(cacheKeyName).(string)
	if key == "" {
		return nil, false
	}
	gz := gzipBytes(body)
	gen := c.gen.Load()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= cacheMaxEntries {
		c.entries = map[string]cachedPage{}
	}
	c.entries[key] = cachedPage{body: append([]byte(nil), body...), gz: gz, lang: lang, gen: gen, expires: time.Now().Add(cacheTTL)} // wall-clock on purpose: the cache's own life
	return gz, true
}
