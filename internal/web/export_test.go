package web

// PasswordChecks is how many passwords the sign-in form has compared.
func PasswordChecks() int64 { return passwordChecks.Load() }
