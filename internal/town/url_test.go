package town_test

import (
	"testing"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/town"
)

func TestServeURL(t *testing.T) {
	cases := []struct {
		name             string
		domains          []string
		http, https, url string
	}{
		{"no flags", nil, "", "", "http://127.0.0.1:8090"},
		{"--http on loopback", nil, "127.0.0.1:8190", "", "http://127.0.0.1:8190"},
		{"--http on port 80", nil, "192.0.2.7:80", "", "http://192.0.2.7"},
		{"--http on every address", nil, "0.0.0.0:8090", "", ""},
		{"--http with no host", nil, ":8090", "", ""},
		{"--http on IPv6", nil, "[2001:db8::1]:8080", "", "http://[2001:db8::1]:8080"},
		{"--https", nil, "", "203.0.113.5:443", "https://203.0.113.5"},
		{"a domain", []string{"example.gov"}, "", "", "https://example.gov"},
		{"a domain as serve sets it", []string{"example.gov", "www.example.gov"}, "0.0.0.0:80", "0.0.0.0:443", "https://example.gov"},
		{"a domain on another port", []string{"example.gov"}, "", "0.0.0.0:8443", "https://example.gov:8443"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := town.ServeURL(c.domains, c.http, c.https); got != c.url {
				t.Errorf("ServeURL(%q, %q, %q) = %q, want %q", c.domains, c.http, c.https, got, c.url)
			}
		})
	}
}

func TestLocalURL(t *testing.T) {
	cases := map[string]bool{
		"":                        true,
		"http://localhost:8090":   true,
		"http://localhost:8090/":  true,
		"http://127.0.0.1:8190":   true,
		"http://[::1]:8090":       true,
		"http://192.168.1.20":     true,
		"http://town.localhost":   true,
		"https://example.gov":     false,
		"https://203.0.113.5":     false,
		"http://aldercreek.gov/x": false,
	}
	for u, want := range cases {
		t.Run(u, func(t *testing.T) {
			if got := town.LocalURL(u); got != want {
				t.Errorf("LocalURL(%q) = %v, want %v", u, got, want)
			}
		})
	}
}

// The Application URL is set while it is PocketBase's default and never
// changed once set; AbsURL builds on it.
func TestSetAppURL(t *testing.T) {
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	if got := town.AbsURL(app, "/en/"); got != town.DefaultAppURL+"/en/" {
		t.Fatalf("AbsURL on a new app = %q", got)
	}
	for _, step := range []struct {
		url, want string
		set       bool
	}{
		{"", town.DefaultAppURL, false},
		{"http://127.0.0.1:8190", "http://127.0.0.1:8190", true},
		{"https://example.gov", "http://127.0.0.1:8190", false}, // no longer the default
	} {
		set, err := town.SetAppURL(app, step.url)
		if err != nil {
			t.Fatal(err)
		}
		if err := app.ReloadSettings(); err != nil { // what was saved, not only the copy in memory
			t.Fatal(err)
		}
		if got := app.Settings().Meta.AppURL; set != step.set || got != step.want {
			t.Errorf("SetAppURL(%q): set %v, URL %q; want %v, %q", step.url, set, got, step.set, step.want)
		}
	}
	if got := town.AbsURL(app, "/en/calendar.ics"); got != "http://127.0.0.1:8190/en/calendar.ics" {
		t.Errorf("AbsURL = %q", got)
	}
}
