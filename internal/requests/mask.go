package requests

import (
	"regexp"
	"strings"
)

// Masked replaces a phone number, an email address or a unit number in text
// shown to the public. It is a symbol, not a word, so it needs no
// translation.
const Masked = "[…]"

// What MaskPersonal looks for. Phone candidates are groups of digits joined
// by single spaces, dots or hyphens, optionally with a +country code and an
// (area code); phoneLike then keeps only those with 7 to 15 digits that are
// not dates or request numbers. House numbers are dropped when a street
// name follows them ("44 Cedar Court", "31 5th Avenue") or, in Spanish, when
// they follow one ("Calle Olmo 12").
var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
	phoneRe = regexp.MustCompile(`(?:\+\d{1,3}[ .\-]?)?(?:\(\d{1,4}\)[ .\-]?)?(?:\d{1,5}(?:[ .\-]\d{1,5}){1,5}|\d{7,15})`)
	unitRe  = regexp.MustCompile(`(?i)\b(?:apt|apartment|unit|suite|ste|flat|apto|apartamento|depto|piso)\b\.?\s*(?:#|no\.?|n[º°])?\s*(?:\d[\w\-]{0,5}|[a-z](?:-?\d{1,4})?)\b`)
	houseRe = regexp.MustCompile(`\b\d{1,5}[A-Za-z]?(?:[ \t]?[-–][ \t]?\d{1,5}[A-Za-z]?)?,?[ \t]+((?:(?:[\p{Lu}\d][\p{L}\d'.\-]*[ \t]+){1,3}|(?:[\p{L}\d][\p{L}\d'.\-]*[ \t]+){1,2})` + streetWords + `\b\.?)`)
	viaRe   = regexp.MustCompile(`(?i)\b((?:calle|c/|avenida|avda|av|camino|paseo|plaza|carrera|carretera)\.?(?:[ \t]+[\p{L}][\p{L}\d'.\-]*){1,3}?),?[ \t]+(?:n[º°o]\.?[ \t]*)?\d{1,5}[A-Za-z]?\b`)
	dateRe  = regexp.MustCompile(`^(?:\d{4}[.\-]\d{1,2}[.\-]\d{1,2}|\d{1,2}[.\-]\d{1,2}[.\-]\d{2,4})$`)
	numRe   = regexp.MustCompile(`^(?:19|20)\d\d-\d{4,}$`) // a request number, e.g. 2026-0042
)

// streetWords are the street types that mark "<number> <name> <type>" as a
// house address.
const streetWords = `(?i:street|st|road|rd|avenue|ave|av|court|ct|lane|ln|drive|dr|way|boulevard|blvd|place|pl|terrace|ter|circle|cir|highway|hwy|parkway|pkwy|square|sq|trail|trl|alley|row|close|crescent|cres)`

// MaskPersonal hides what could identify or reach a person in free text
// shown to the public: phone numbers (local, international, with dots),
// email addresses and unit numbers become Masked, and a house number before
// a street name is dropped ("44 Cedar Court" → "Cedar Court"). Years
// (2026), request numbers (2026-0042), dates, times (7:30), amounts ($40)
// and road numbers ("Route 9") are kept: they locate no one.
func MaskPersonal(text string) string {
	if text == "" {
		return ""
	}
	text = emailRe.ReplaceAllString(text, Masked)
	text = replaceBounded(phoneRe, text, func(m string) string {
		if phoneLike(m) {
			return Masked
		}
		return m
	})
	text = unitRe.ReplaceAllString(text, Masked)
	text = houseRe.ReplaceAllString(text, "$1")
	return viaRe.ReplaceAllString(text, "$1")
}

// replaceBounded is ReplaceAllStringFunc for matches that are whole tokens:
// not glued to a letter, digit, currency sign or one of "$/.-_" on either
// side, so that amounts and parts of longer numbers are left alone.
func replaceBounded(re *regexp.Regexp, s string, f func(string) string) string {
	var b strings.Builder
	last := 0
	for _, loc := range re.FindAllStringIndex(s, -1) {
		i, j := loc[0], loc[1]
		if (i > 0 && glued(s[i-1])) || (j < len(s) && glued(s[j]) && !endsSentence(s, j)) {
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(f(s[i:j]))
		last = j
	}
	b.WriteString(s[last:])
	return b.String()
}

func glued(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || strings.IndexByte("$/.-_", c) >= 0 || c >= 0x80
}

// endsSentence reports whether s[j] is a full stop or comma that ends the
// number rather than continuing it ("call 555-867-5309." or "5309, thanks").
func endsSentence(s string, j int) bool {
	if s[j] != '.' && s[j] != ',' {
		return false
	}
	return j+1 == len(s) || s[j+1] == ' ' || s[j+1] == '\n' || s[j+1] == '\r'
}

// phoneLike reports whether a candidate is a phone number: 7 to 15 digits,
// and not a date or a request number.
func phoneLike(m string) bool {
	n := 0
	for _, c := range m {
		if c >= '0' && c <= '9' {
			n++
		}
	}
	if n < 7 || n > 15 {
		return false
	}
	plain := strings.TrimSpace(m)
	return !dateRe.MatchString(plain) && !numRe.MatchString(plain)
}

// StreetOnly is an address as the public sees it: to the street, without
// the house or unit number ("31 Mill Street, Apt 4" → "Mill Street").
// A leading ordinal is a street name and stays ("5th Avenue").
func StreetOnly(addr string) string {
	var parts []string
	for i, p := range strings.Split(MaskPersonal(addr), ",") {
		p = strings.TrimSpace(p)
		if i == 0 || len(parts) == 0 {
			p = dropHouseNumber(p)
		}
		if p != "" && p != Masked {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

var (
	leadNumberRe = regexp.MustCompile(`^(?:no\.?\s*|#\s*)?\d{1,5}[A-Za-z]?(?:\s?[-–/]\s?\d{1,5}[A-Za-z]?)?\b\s*`)
	ordinalRe    = regexp.MustCompile(`(?i)^\d+(?:st|nd|rd|th)\b`)
)

func dropHouseNumber(p string) string {
	if ordinalRe.MatchString(p) {
		return p
	}
	rest := leadNumberRe.ReplaceAllString(p, "")
	if rest == "" {
		return p // a bare number is not an address we can shorten
	}
	return rest
}
