package town

import (
	"net"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// DefaultAppURL is PocketBase's Application URL until someone sets it.
const DefaultAppURL = "http://localhost:8090"

// AbsURL is path on the town's public address (Settings → Application URL).
// Every absolute URL Townhall writes (pages, feeds, emails, Open311) comes
// from here, never from a request's Host header, which anyone can forge.
func AbsURL(app core.App, path string) string {
	if u, ok := app.Store().GetOk(appURLKey); ok {
		return u.(string) + path
	}
	return readAppURL(app) + path
}

// appURLKey is where KeepAppURL keeps the Application URL in the app's
// runtime store.
const appURLKey = "townhall.appURL"

// KeepAppURL keeps a copy of the Application URL beside app, taken again
// whenever the settings are reloaded (each save reloads them), so AbsURL
// does not copy the whole settings on every call: a 50,000-resident digest
// asks for it several times a person. Without it, AbsURL reads the
// settings each time.
func KeepAppURL(app core.App) {
	app.Store().Set(appURLKey, readAppURL(app))
	app.OnSettingsReload().BindFunc(func(e *core.SettingsReloadEvent) error {
		err := e.Next()
		e.App.Store().Set(appURLKey, readAppURL(e.App))
		return err
	})
}

// readAppURL reads the Application URL from a copy of the settings: the
// clerk may save them meanwhile.
func readAppURL(app core.App) string {
	s := app.Settings()
	if c, err := s.Clone(); err == nil {
		s = c
	}
	return strings.TrimRight(s.Meta.AppURL, "/")
}

// ServeURL is the address `townhall serve` answers on, from its arguments
// as PocketBase reads them: `serve example.gov` is https://example.gov,
// `--http 127.0.0.1:8190` is http://127.0.0.1:8190. A wildcard listen
// address (0.0.0.0, ::, none) names no host, so it gives "".
func ServeURL(domains []string, httpAddr, httpsAddr string) string {
	if len(domains) > 0 {
		if httpsAddr == "" {
			httpsAddr = "0.0.0.0:443"
		}
		_, port, _ := net.SplitHostPort(httpsAddr)
		return origin("https", domains[0], port)
	}
	scheme, addr := "http", httpAddr
	if httpsAddr != "" {
		scheme, addr = "https", httpsAddr
	} else if addr == "" {
		addr = "127.0.0.1:8090"
	}
	host, port, err := net.SplitHostPort(addr)
	if err != nil || host == "" || net.ParseIP(host).IsUnspecified() {
		return ""
	}
	return origin(scheme, host, port)
}

// origin is scheme://host[:port], leaving out the scheme's default port.
func origin(scheme, host, port string) string {
	if port == "" || scheme == "http" && port == "80" || scheme == "https" && port == "443" {
		if strings.Contains(host, ":") {
			host = "[" + host + "]"
		}
		return scheme + "://" + host
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}

// SetAppURL makes u the Application URL while it is still PocketBase's
// default (on first start), and reports whether it did. A URL the clerk set
// is never changed.
func SetAppURL(app core.App, u string) (bool, error) {
	current := strings.TrimRight(app.Settings().Meta.AppURL, "/")
	if u == "" || (current != "" && current != DefaultAppURL) || u == current {
		return false, nil
	}
	s, err := app.Settings().Clone()
	if err != nil {
		return false, err
	}
	s.Meta.AppURL = u
	if err := app.Save(s); err != nil {
		return false, err
	}
	return true, nil
}

// LocalURL reports whether u is no address residents can reach: empty,
// PocketBase's default, localhost or a loopback or private address. Links
// in emails, feeds and Open311 answers then lead nowhere.
func LocalURL(u string) bool {
	p, err := url.Parse(u)
	if err != nil || p.Hostname() == "" || strings.TrimRight(u, "/") == DefaultAppURL {
		return true
	}
	host := strings.ToLower(p.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsLinkLocalUnicast())
}
