package i18n_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/i18n"
)

// TestLocales fails when any message of the English source is missing or
// empty in another language, or when a plural form a language needs is
// missing.
func TestLocales(t *testing.T) {
	b, err := i18n.Load(os.DirFS("../../locales"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Languages()) < 2 {
		t.Fatalf("want at least English and Spanish, have %v", b.Languages())
	}
	counts := []int{0, 1, 2, 3, 5, 11, 21, 101, 1000000}
	for _, lang := range b.Languages() {
		for _, id := range b.MessageIDs() {
			data := map[string]any{"Query": "q", "Town": "T", "Service": "S", "Date": "d", "Language": "L", "Day": 1, "Month": "m", "Year": 2026,
				"Number": "2026-0001", "Name": "N", "Code": "123456", "Email": "e@x", "Step": 1, "Count": 2, "Max": 9, "Min": 3, "Status": "s", "Address": "a",
				"Phone": "555-0100", "URL": "https://x", "Problem": "p"}
			tries := []int{-1}
			if isPlural(b, id) {
				tries = counts
			}
			for _, n := range tries {
				if n >= 0 {
					data["Count"] = n
				}
				s, err := b.Localize(lang, id, data)
				if err != nil {
					t.Errorf("%s: %s (count %d): %v", lang, id, n, err)
					continue
				}
				if strings.TrimSpace(s) == "" {
					t.Errorf("%s: %s is empty", lang, id)
				}
				if strings.Contains(s, "{{") || strings.Contains(s, "<no value>") {
					t.Errorf("%s: %s has an unfilled placeholder: %q", lang, id, s)
				}
			}
		}
	}
}

// isPlural reports whether the English message needs a count.
func isPlural(b *i18n.Bundle, id string) bool {
	one, err1 := b.Localize("en", id, map[string]any{"Count": 1, "Query": "q"})
	other, err2 := b.Localize("en", id, map[string]any{"Count": 2, "Query": "q"})
	return err1 == nil && err2 == nil && one != strings.Replace(other, "2", "1", 1)
}

func TestText(t *testing.T) {
	// Covered with real records in the town and web tests; here only the
	// language choice of T for an unknown language.
	b, err := i18n.Load(os.DirFS("../../locales"))
	if err != nil {
		t.Fatal(err)
	}
	if got := b.T("xx", "nav.home", nil); got != "Home" {
		t.Errorf("unknown language should fall back to English, got %q", got)
	}
	if got := b.T("es", "nav.home", nil); got != "Inicio" {
		t.Errorf("es nav.home = %q", got)
	}
	if got := b.T("es", "search.count", map[string]any{"Count": 1, "Query": "x"}); got != "1 resultado para «x»" {
		t.Errorf("es plural one = %q", got)
	}
}

// A sentence that ends with a time ending in "p.m." has one full stop.
func TestOneFullStopAfterATime(t *testing.T) {
	b, err := i18n.Load(os.DirFS("../../locales"))
	if err != nil {
		t.Fatal(err)
	}
	at := b.Clock("en", time.Date(2026, 6, 6, 14, 0, 0, 0, time.UTC))
	got := b.T("en", "booking.cancel_until", map[string]any{"Date": "Saturday, June 6, 2026, " + at})
	if want := "You can cancel online until Saturday, June 6, 2026, 2:00 p.m."; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
