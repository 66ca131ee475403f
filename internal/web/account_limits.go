package web

import (
	"unicode/utf8"

	"github.com/townhall/townhall/internal/requests"
)

// maxPassword is bcrypt's limit: it refuses a longer password.
const maxPassword = 72 // bytes

// checkName returns the name typed in field on one line (it goes into
// email headers), and adds an error if it is missing or too long.
func (h *Handler) checkName(f *Form, lang, field string) string {
	name := requests.CleanLine(f.Get(field))
	switch {
	case name == "":
		h.fieldError(f, lang, field, "account.error.name_required", nil)
	case utf8.RuneCountInString(name) > requests.MaxName:
		h.fieldError(f, lang, field, "request.error.too_long", map[string]any{"Max": requests.MaxName})
	}
	return name
}

// checkNewPassword adds an error if a new password is too short, or too long
// for bcrypt.
func (h *Handler) checkNewPassword(f *Form, lang, pw string) {
	switch {
	case utf8.RuneCountInString(pw) < minPassword:
		h.fieldError(f, lang, "password", "account.error.password_short", map[string]any{"Min": minPassword})
	case len(pw) > maxPassword:
		h.fieldError(f, lang, "password", "account.error.password_long", map[string]any{"Max": maxPassword})
	}
}
