package web

import (
	"net/http"
	"regexp"
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
	// reqGen counts changes to requests: pages that list requests are
	// dropped by them, articles are not.
	reqGen atomic.Uint64
}

type cachedPage struct {
	body    []byte
	gz      []byte // body gzipped once when stored (nil: too small to gain)
	lang    string
	gen     uint64
	reqGen  uint64 // for a page that lists requests; 0 for the others
	expires time.Time
}

const (
	cacheTTL        = 30 * time.Second
	cacheMaxEntries = 5000
	cacheKeyName    = "townhallCacheKey"
	cacheGenName    = "townhallCacheGenerations"
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
	requestChanged := func(e *core.RecordEvent) error {
		err := e.Next()
		c.reqGen.Add(1)
		return err
	}
	app.OnRecordAfterCreateSuccess("requests").BindFunc(requestChanged)
	app.OnRecordAfterUpdateSuccess("requests").BindFunc(requestChanged)
	app.OnRecordAfterDeleteSuccess("requests").BindFunc(requestChanged)
	return c
}

// cached serves a page from the cache when it can, and otherwise marks the
// request so render stores what it writes. Only plain GETs by visitors who
// are not signed in are cached: no query string, no session.
func (h *Handler) cached(next langHandler) langHandler {
	return func(e *core.RequestEvent, lang string) error {
		if e.Request.URL.RawQuery != "" {
			return next(e, lang)
		}
		return h.fromCache(e, lang, e.Request.URL.Path, false, next)
	}
}

// listFilter is a query string of the public list's filters alone: the
// first page of each filter is cached, a deeper page (?after=, ?before=)
// is not (it costs the same as the first, and there are too many).
var listFilter = regexp.MustCompile(`^(service=[a-z0-9-]{0,40}(&|$))?(status=(open|closed)?)?$`)

// cachedList caches the public list's first pages like articles, until a
// request changes (or 30 seconds pass).
func (h *Handler) cachedList(next langHandler) langHandler {
	return func(e *core.RequestEvent, lang string) error {
		q := e.Request.URL.RawQuery
		if !listFilter.MatchString(q) {
			return next(e, lang)
		}
		return h.fromCache(e, lang, e.Request.URL.Path+"?"+q, true, next)
	}
}

// fromCache serves the page stored under key when it is still good, and
// otherwise marks the request so render stores what it writes. byRequests
// says the page shows requests, so a request's change drops it.
func (h *Handler) fromCache(e *core.RequestEvent, lang, key string, byRequests bool, next langHandler) error {
	if e.Auth != nil || e.Request.Method != http.MethodGet || hasFlash(e) {
		return next(e, lang)
	}
	h.cache.mu.RLock()
	p, ok := h.cache.entries[key]
	h.cache.mu.RUnlock()
	if ok && p.gen == h.cache.gen.Load() && (!byRequests || p.reqGen == h.cache.reqGen.Load()) &&
		time.Now().Before(p.expires) {
		e.Set(langUnsetKey, "") // a cached page carries no cookie
		return writeCompressedHTML(e, http.StatusOK, p.lang, p.body, p.gz)
	}
	gens := [2]uint64{h.cache.gen.Load(), 0}
	if byRequests {
		gens[1] = h.cache.reqGen.Load()
	}
	e.Set(cacheKeyName, key)
	e.Set(cacheGenName, gens)
	return next(e, lang)
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
	// The generations were read before the page read its data: a change
	// made while it rendered leaves the page already out of date.
	gz := gzipBytes(body)
	gens, _ := e.Get(cacheGenName).([2]uint64)
	gen, reqGen := gens[0], gens[1]
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= cacheMaxEntries {
		c.entries = map[string]cachedPage{}
	}
	c.entries[key] = cachedPage{body: append([]byte(nil), body...), gz: gz, lang: lang, gen: gen, reqGen: reqGen,
		expires: time.Now().Add(cacheTTL)} // wall-clock on purpose: the cache's own life
	return gz, true
}
