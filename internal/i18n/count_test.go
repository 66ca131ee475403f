package i18n_test

import (
	"testing"

	"github.com/townhall/townhall/internal/i18n"
)

func TestCountGroupsThousands(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int
		want string
	}{
		{"en", 0, "0"}, {"en", 999, "999"}, {"en", 1000, "1,000"}, {"en", 97943, "97,943"}, {"en", 1234567, "1,234,567"},
		{"en", -1200, "-1,200"}, {"es", 1000, "1000"}, {"es", 9999, "9999"}, {"es", 10000, "10.000"}, {"es", 1234567, "1.234.567"},
	} {
		if got := i18n.Count(c.lang, c.n); got != c.want {
			t.Errorf("Count(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
