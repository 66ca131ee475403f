package i18n

import "testing"

func TestNegotiate(t *testing.T) {
	t.Parallel()
	offered := []string{"en", "es"}
	cases := map[string]string{
		"":                        "en",
		"es":                      "es",
		"es-MX,es;q=0.9,en;q=0.8": "es",
		"en-US,en;q=0.9":          "en",
		"fr-FR,fr;q=0.9,es;q=0.5": "es",
		"fr":                      "en",
		"de;q=0.9,es;q=0.1":       "es",
		"*":                       "en",
		"garbage;;;q=x":           "en",
		"es;q=0":                  "en",
		"pt-BR, es-419;q=0.8":     "es",
	}
	for header, want := range cases {
		if got := Negotiate(header, offered); got != want {
			t.Errorf("Negotiate(%q) = %q, want %q", header, got, want)
		}
	}
	if got := Negotiate("en", []string{"es", "en"}); got != "en" {
		t.Errorf("offered order: got %q", got)
	}
}

func FuzzNegotiate(f *testing.F) {
	f.Add("es-MX,es;q=0.9")
	f.Add(";;q=,")
	f.Fuzz(func(t *testing.T, header string) {
		if got := Negotiate(header, []string{"en", "es"}); got != "en" && got != "es" {
			t.Fatalf("Negotiate(%q) = %q", header, got)
		}
	})
}
