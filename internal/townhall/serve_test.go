package townhall_test

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	pbcmd "github.com/pocketbase/pocketbase/cmd"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/spf13/cobra"
	"github.com/townhall/townhall/internal/townhall"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// `townhall serve --http 127.0.0.1:PORT`, PocketBase's own serve command,
// on a town whose Application URL is still the default: the URL becomes
// that address, every absolute URL follows it whatever the Host header
// says, the clerk is warned that a loopback address reaches no resident,
// and only the APIs answer other sites' scripts (CORS).
func TestServeSetsAppURLAndKeepsCORSToAPIs(t *testing.T) {
	app, err := tests.NewTestApp(townhalltest.SharedDemoDir(t))
	if err != nil {
		t.Fatal(err)
	}
	defer app.Cleanup()
	root := &cobra.Command{Use: "townhall", SilenceUsage: true}
	var out strings.Builder
	root.SetOut(&out)
	cfg := townhalltest.TestConfig()
	cfg.Root = root
	if _, err := townhall.Register(app, cfg); err != nil {
		t.Fatal(err)
	}
	root.AddCommand(pbcmd.NewServeCommand(app, false))
	ln, err := net.Listen("tcp", "127.0.0.1:0") // taken before serve starts: requests wait in its backlog
	if err != nil {
		t.Fatal(err)
	}
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		se.Listener, se.InstallerFunc = ln, nil
		return se.Next()
	})
	base := "http://" + ln.Addr().String()
	root.SetArgs([]string{"serve", "--http", ln.Addr().String()})
	done := make(chan error, 1)
	go func() { done <- root.Execute() }()
	defer func() {
		if err := app.OnTerminate().Trigger(&core.TerminateEvent{App: app}); err != nil {
			t.Error(err)
		}
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()

	get := func(path, host string) (*http.Response, string) {
		req, err := http.NewRequest(http.MethodGet, base+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = host
		req.Header.Set("Origin", "https://elsewhere.example")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, err := io.ReadAll(res.Body)
		if err != nil {
			t.Fatal(err)
		}
		return res, string(body)
	}
	for _, host := range []string{"evil.example", ""} { // the second page may come from the cache
		res, body := get("/en/calendar", host)
		if res.StatusCode != http.StatusOK || strings.Contains(body, "evil.example") || !strings.Contains(body, `webcal://`+ln.Addr().String()+`/en/calendar.ics`) {
			t.Errorf("calendar page (Host %q): status %d, feed link not on %s:\n%.300s", host, res.StatusCode, base, body)
		}
	}
	// A copy, read under PocketBase's lock: reloading the live settings
	// here would race with the running server's loggers (that the URL is
	// saved, not only set, is internal/town's TestSetAppURL).
	settings, err := app.Settings().Clone()
	if err != nil {
		t.Fatal(err)
	}
	if got := settings.Meta.AppURL; got != base {
		t.Errorf("Application URL %q, want %q", got, base)
	}
	if !strings.Contains(out.String(), "Warning: links in emails and feeds point to "+base) {
		t.Errorf("no warning that %s is a local address at start:\n%s", base, out.String())
	}
	for path, cors := range map[string]bool{"/en/": false, "/en/help": false, "/en/no-such-page": false,
		"/api/health": true, "/open311/v2/services.json": true} {
		if res, _ := get(path, ""); (res.Header.Get("Access-Control-Allow-Origin") != "") != cors {
			t.Errorf("GET %s: Access-Control-Allow-Origin %q, want CORS: %v", path, res.Header.Get("Access-Control-Allow-Origin"), cors)
		}
	}
}
