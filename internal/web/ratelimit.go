package web

import (
	"github.com/pocketbase/pocketbase/core"
)

// rateLimits are the site's own limits, per visitor IP, on top of
// PocketBase's defaults for its API: signing in and up, codes and password
// emails, and sending requests.
func rateLimits(langs []string) []core.RateLimitRule {
	var rules []core.RateLimitRule
	for _, l := range langs {
		p := "POST /" + l
		rules = append(rules,
			core.RateLimitRule{Label: p + "/signin", MaxRequests: 10, Duration: 60},
			core.RateLimitRule{Label: p + "/signin/code", MaxRequests: 5, Duration: 300},
			core.RateLimitRule{Label: p + "/signin/code/check", MaxRequests: 10, Duration: 300},
			core.RateLimitRule{Label: p + "/signup", MaxRequests: 5, Duration: 300},
			core.RateLimitRule{Label: p + "/reset", MaxRequests: 5, Duration: 300},
		)
	}
	return rules
}

// enableRateLimits turns PocketBase's limiter on (it is off by default) and
// adds the site's rules that are missing, once, so the clerk sees and can
// tune them in Settings → Rate limiting.
func enableRateLimits(app core.App, langs []string) error {
	// Change a copy: the live settings are read by other goroutines, and
	// saving reloads them under PocketBase's lock.
	s, err := app.Settings().Clone()
	if err != nil {
		return err
	}
	have := map[string]bool{}
	for _, r := range s.RateLimits.Rules {
		have[r.Label] = true
	}
	changed := !s.RateLimits.Enabled
	for _, r := range rateLimits(langs) {
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
