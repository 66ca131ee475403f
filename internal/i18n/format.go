package i18n

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Money shows a fee in dollars: $40, or $12.50.
func Money(v float64) string {
	if v == float64(int64(v)) {
		return fmt.Sprintf("$%d", int64(v))
	}
	return fmt.Sprintf("$%.2f", v)
}

// Count writes a whole number with its thousands grouped in lang's style:
// 97,943 in English; 97.943 in Spanish, which leaves four digits alone
// (1000), as the RAE and CLDR have it.
func Count(lang string, n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	sep, least := ",", 4
	if lang != "en" {
		sep, least = ".", 5
	}
	if len(s) < least {
		return sign + s
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	return sign + b.String()
}

// Date is t's calendar day written out in lang ("June 6, 2026"), with the
// format.date message and month names; "" for the zero time. t is shown in
// its own zone: callers put it in the town's first.
func (b *Bundle) Date(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	month := b.T(lang, fmt.Sprintf("month.%d", int(t.Month())), nil)
	return b.T(lang, "format.date", map[string]any{"Day": t.Day(), "Month": month, "Year": t.Year()})
}

// DayDate is Date with the weekday: "Saturday, June 6, 2026".
func (b *Bundle) DayDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return b.Weekday(lang, t.Weekday()) + ", " + b.Date(lang, t)
}

// Weekday is the day's name in lang.
func (b *Bundle) Weekday(lang string, d time.Weekday) string {
	return b.T(lang, fmt.Sprintf("weekday.%d", int(d)), nil)
}

// Clock is t's time of day in the language's clock style: format.clock is
// a Go time layout such as "3:04 p.m." or "15:04".
func (b *Bundle) Clock(lang string, t time.Time) string {
	layout := b.T(lang, "format.clock", nil)
	s := t.Format(strings.ReplaceAll(layout, "p.m.", "PM"))
	if strings.Contains(layout, "p.m.") {
		s = strings.NewReplacer("AM", "a.m.", "PM", "p.m.").Replace(s)
	}
	return s
}
