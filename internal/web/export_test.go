package web

import "github.com/pocketbase/pocketbase/core"

// PasswordChecks is how many passwords the sign-in form has compared.
func PasswordChecks() int64 { return passwordChecks.Load() }

// RateLimitRules are the rules the site adds at start-up.
func RateLimitRules() []core.RateLimitRule { return rateLimits() }
