package web

import (
	"html/template"
	"strings"
	"time"

	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// funcs are the template functions for one language.
func funcs(b *i18n.Bundle, lang string) template.FuncMap {
	t := func(id string, pairs ...any) string { return b.T(lang, id, data(pairs)) }
	return template.FuncMap{
		// t translates: {{t "nav.home"}}, {{t "search.results" "Count" 3 "Query" .Query}}.
		"t": t,
		// langName is a language's name in that language, for the switcher.
		"langName": func(code string) string { return b.T(code, "language.name", nil) },
		"date":     func(tm time.Time) string { return b.Date(lang, tm) },
		"isoDate":  func(tm time.Time) string { return tm.UTC().Format(time.RFC3339) },
		"weekday":  func(d time.Weekday) string { return b.Weekday(lang, d) },
		"clock":    func(hhmm string) string { return formatClock(b, lang, hhmm) },
		"hours":    func(hs []town.Hours) []hoursLine { return groupHours(hs) },
		"pagePath": kb.PagePath,
		"sectionPath": func(section string) string {
			return kb.SectionPath(lang, section)
		},
		"sectionName": func(section string) string { return t("section." + section + ".name") },
		"telHref":     telHref,
		"fieldID":     fieldID,
		"dict":        func(pairs ...any) map[string]any { return data(pairs) },
		"list":        func(items ...string) []string { return items },
		"fields":      func(fs ...map[string]any) []map[string]any { return fs },
		"add":         func(a, b int) int { return a + b },
		"in": func(m map[string]string) string {
			return requests.In(m, lang, b.DefaultLanguage())
		},
		"statusName": func(s string) string { return t("request.status." + s) },
		// optional is "(optional)" after the label of a field that may be left empty.
		"optional": func(required bool) string {
			if required {
				return ""
			}
			return t("form.optional")
		},
		"lines": func(s string) []string { return strings.Split(strings.TrimSpace(s), "\n") },
	}
}

// data turns template arguments "Key", value, … into go-i18n template data.
func data(pairs []any) map[string]any {
	if len(pairs) == 0 {
		return nil
	}
	m := make(map[string]any, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		if k, ok := pairs[i].(string); ok {
			m[k] = pairs[i+1]
		}
	}
	return m
}

// formatClock shows "16:30" in the language's clock style.
func formatClock(b *i18n.Bundle, lang, hhmm string) string {
	tm, err := time.Parse("15:04", hhmm)
	if err != nil {
		return hhmm
	}
	return b.Clock(lang, tm)
}

// hoursLine is a run of weekdays with the same hours, e.g. Monday–Friday.
type hoursLine struct {
	From, To    time.Weekday
	Open, Close string
}

func groupHours(hs []town.Hours) []hoursLine {
	var out []hoursLine
	for _, h := range hs {
		if n := len(out); n > 0 && out[n-1].To+1 == h.Day && out[n-1].Open == h.Open && out[n-1].Close == h.Close {
			out[n-1].To = h.Day
			continue
		}
		out = append(out, hoursLine{From: h.Day, To: h.Day, Open: h.Open, Close: h.Close})
	}
	return out
}

// telHref makes a tel: link from a displayed phone number.
func telHref(phone string) template.URL {
	var b strings.Builder
	for _, r := range phone {
		if r >= '0' && r <= '9' || r == '+' {
			b.WriteRune(r)
		}
	}
	return template.URL("tel:" + b.String())
}
