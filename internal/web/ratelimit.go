package web

import (
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// rateLimits are the site's own limits on signing in and up, codes and
// password emails, added to PocketBase's rate-limit settings so the clerk
// sees and can tune them in Settings → Rate limiting.
//
// A site label is the path without its language ("POST /signin" counts
// /en/signin and /es/signin together); PocketBase never matches it, the
// site's limiter does, once per visitor address and, for account forms,
// once per email address. The users:* rules hold PocketBase's REST
// endpoints to the same numbers.
func rateLimits() []core.RateLimitRule {
	return append([]core.RateLimitRule{
		{Label: "POST /signin", MaxRequests: 10, Duration: 60},
		{Label: "POST /signin/code", MaxRequests: 5, Duration: 300},
		{Label: "POST /signin/code/check", MaxRequests: 10, Duration: 300},
		{Label: "POST /signup", MaxRequests: 5, Duration: 300},
		{Label: "POST /reset", MaxRequests: 5, Duration: 300},
		{Label: "POST /staff/signin", MaxRequests: 10, Duration: 60},
		{Label: "POST /account/password", MaxRequests: 10, Duration: 300},
		{Label: "POST /account/email", MaxRequests: 5, Duration: 300},
		{Label: "POST /account/email/confirm", MaxRequests: 10, Duration: 300},
		{Label: "POST /account/delete", MaxRequests: 10, Duration: 300},
		{Label: "POST /account/water", MaxRequests: 10, Duration: 300},
		{Label: "users:create", MaxRequests: 5, Duration: 300},
		{Label: "users:auth", MaxRequests: 10, Duration: 60},
		{Label: "users:requestOTP", MaxRequests: 5, Duration: 300},
		{Label: "users:requestPasswordReset", MaxRequests: 5, Duration: 300},
		{Label: "users:requestVerification", MaxRequests: 5, Duration: 300},
	}, siteLimits...)
}

// legacyLabels are the per-language rules earlier versions added, which
// gave each language its own allowance; they are replaced by rateLimits.
func legacyLabels(langs []string) []string {
	var labels []string
	for _, l := range langs {
		for _, p := range []string{"/signin", "/signin/code", "/signin/code/check", "/signup", "/reset"} {
			labels = append(labels, "POST /"+l+p)
		}
	}
	return labels
}

// enableRateLimits turns PocketBase's limiter on (it is off by default),
// adds the site's rules that are missing, once, and drops the legacy ones.
func enableRateLimits(app core.App, langs []string) error {
	// Change a copy: the live settings are read by other goroutines, and
	// saving reloads them under PocketBase's lock.
	s, err := app.Settings().Clone()
	if err != nil {
		return err
	}
	legacy := legacyLabels(langs)
	n := len(s.RateLimits.Rules)
	s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool { return slices.Contains(legacy, r.Label) })
	changed := !s.RateLimits.Enabled || len(s.RateLimits.Rules) != n
	have := map[string]bool{}
	for _, r := range s.RateLimits.Rules {
		have[r.Label] = true
	}
	for _, r := range rateLimits() {
		if !have[r.Label] {
			s.RateLimits.Rules = append(s.RateLimits.Rules, r)
			changed = true
		}
	}
	if !changed {
		return nil
	}
	s.RateLimits.Enabled = true
	return app.Save(s)
}

// limiter counts requests in fixed windows, by key, in memory (as
// PocketBase's own limiter does).
type limiter struct {
	mu    sync.Mutex
	wins  map[string]*window
	swept time.Time
}

type window struct {
	until time.Time
	n     int
}

// allow counts one request for key and reports whether it is within the
// rule.
func (l *limiter) allow(rule core.RateLimitRule, key string) bool {
	_, ok := l.take(rule, key)
	return ok
}

// take counts one request for key and reports whether it is within the
// rule; give takes it back, for an action that did not happen after all
// (the form had errors).
func (l *limiter) take(rule core.RateLimitRule, key string) (give func(), ok bool) {
	now := time.Now() // wall-clock on purpose: it measures real request rates
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.wins == nil {
		l.wins = map[string]*window{}
	}
	if now.Sub(l.swept) > time.Minute {
		for k, w := range l.wins {
			if now.After(w.until) {
				delete(l.wins, k)
			}
		}
		l.swept = now
	}
	key = rule.Label + rule.Audience + "|" + key
	w := l.wins[key]
	if w == nil || !now.Before(w.until) {
		w = &window{until: now.Add(time.Duration(rule.Duration) * time.Second)}
		l.wins[key] = w
	}
	if w.n >= rule.MaxRequests {
		return nil, false
	}
	w.n++
	return func() {
		l.mu.Lock()
		if l.wins[key] == w && w.n > 0 {
			w.n--
		}
		l.mu.Unlock()
	}, true
}

// retryAfter is how many seconds until key's window under rule ends.
func (l *limiter) retryAfter(rule core.RateLimitRule, key string) string {
	l.mu.Lock()
	defer l.mu.Unlock()
	if w := l.wins[rule.Label+rule.Audience+"|"+key]; w != nil {
		return strconv.Itoa(max(1, int(time.Until(w.until).Seconds()+0.5)))
	}
	return strconv.FormatInt(rule.Duration, 10)
}

// siteRule is the rate-limit rule for labels, if the limiter is on and
// applies to this visitor.
func siteRule(e *core.RequestEvent, labels ...string) (core.RateLimitRule, bool) {
	rl := e.App.Settings().RateLimits
	if !rl.Enabled || e.HasSuperuserAuth() || isExcluded(rl.ExcludedIPs, e.RealIP()) {
		return core.RateLimitRule{}, false
	}
	audience := []string{core.RateLimitRuleAudienceAll, core.RateLimitRuleAudienceGuest}
	if e.Auth != nil {
		audience = []string{core.RateLimitRuleAudienceAll, core.RateLimitRuleAudienceAuth}
	}
	return rl.FindRateLimitRule(labels, audience...)
}

// isExcluded reports whether ip is in the clerk's list of addresses and
// subnets the limiter leaves alone (or unknown, which PocketBase skips too).
func isExcluded(list []string, ip string) bool {
	addr, err := netip.ParseAddr(ip)
	if err != nil {
		return true
	}
	for _, item := range list {
		if p, err := netip.ParsePrefix(item); err == nil && p.Contains(addr) {
			return true
		}
		if a, err := netip.ParseAddr(item); err == nil && a == addr {
			return true
		}
	}
	return false
}

// siteRateLimit applies the rules written without a language to every
// language's page, per visitor address: /en/signin and /es/signin share
// one allowance.
func (h *Handler) siteRateLimit(e *core.RequestEvent) error {
	lang, rest, ok := strings.Cut(strings.TrimPrefix(e.Request.URL.Path, "/"), "/")
	if !ok || !slices.Contains(h.bundle.Languages(), lang) {
		return e.Next()
	}
	rest = "/" + rest
	if rule, ok := siteRule(e, e.Request.Method+" "+rest, rest); ok && !h.limits.allow(rule, "ip:"+e.RealIP()) {
		return h.tooMany(e, lang)
	}
	return e.Next()
}

// accountLimited counts one try against an account (its email address)
// under the rule labelled label, and reports whether it is over the limit:
// guesses spread over many addresses still meet one allowance per account.
func (h *Handler) accountLimited(e *core.RequestEvent, label, email string) bool {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return false
	}
	rule, ok := siteRule(e, label)
	return ok && !h.limits.allow(rule, "account:"+email)
}

// tooMany is the translated page for a visitor over a limit.
func (h *Handler) tooMany(e *core.RequestEvent, lang string) error {
	return h.errorPage(e, lang, http.StatusTooManyRequests)
}
