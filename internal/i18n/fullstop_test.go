package i18n_test

import (
	"os"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/i18n"
)

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
