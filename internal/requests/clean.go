package requests

import (
	"strings"
	"unicode"
)

// Limits on what a person may type that ends up in a name or an email
// header, the same on every channel.
const (
	MaxName    = 100  // a person's name
	MaxPhone   = 40   // a phone number
	MaxEmail   = 254  // an email address (RFC 5321's path limit)
	MaxComment = 5000 // a resident's comment on their request
)

// CleanLine returns s on one line: line breaks, tabs and other control
// characters become single spaces, and the ends are trimmed. Names and
// phone numbers go into email headers, where a line break would make the
// message unsendable (or forge a header).
func CleanLine(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }), " ")
}
