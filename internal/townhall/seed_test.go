package townhall_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/townhall"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

func open(t *testing.T, dir string) (core.App, *townhall.Townhall) {
	t.Helper()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	th, err := townhall.Register(app, townhalltest.TestConfig())
	if err != nil {
		t.Fatal(err)
	}
	if err := app.RunAllMigrations(); err != nil {
		t.Fatal(err)
	}
	return app, th
}

func counts(t *testing.T, app core.App) map[string]int64 {
	out := map[string]int64{}
	for _, c := range []string{"town", "departments", "services", "pages", "notices", "users", "requests", "request_updates", core.CollectionNameSuperusers} {
		n, err := app.CountRecords(c)
		if err != nil {
			t.Fatal(err)
		}
		out[c] = n
	}
	return out
}

// The demo town is seeded on first start only; a restart keeps everything
// and seeds nothing.
func TestDemoSeedsOnceAndSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	app, th := open(t, dir)
	var out bytes.Buffer
	seeded, err := townhall.SeedDemo(app, townhalltest.TestConfig().Content, th.Requests, &out)
	if err != nil || !seeded {
		t.Fatalf("first start: seeded=%v err=%v", seeded, err)
	}
	if !strings.Contains(out.String(), "admin@aldercreek.example") || !strings.Contains(out.String(), "resident@aldercreek.example") {
		t.Errorf("credentials not printed:\n%s", out.String())
	}
	first := counts(t, app)
	if first["town"] != 1 || first["services"] < 12 || first["pages"] < 34 || first["notices"] != 2 || first["users"] != 1 || first["_superusers"] != 1 ||
		first["requests"] < 5 {
		t.Fatalf("demo town incomplete: %v", first)
	}
	if seeded, err := townhall.SeedDemo(app, townhalltest.TestConfig().Content, th.Requests, &out); err != nil || seeded {
		t.Fatalf("second seed in the same run: seeded=%v err=%v", seeded, err)
	}
	if err := app.ClearBootstrap(); err != nil {
		t.Fatal(err)
	}

	restarted, th2 := open(t, dir)
	defer restarted.ClearBootstrap()
	if seeded, err := townhall.SeedDemo(restarted, townhalltest.TestConfig().Content, th2.Requests, &out); err != nil || seeded {
		t.Fatalf("after restart: seeded=%v err=%v", seeded, err)
	}
	after := counts(t, restarted)
	for k, v := range first {
		if after[k] != v {
			t.Errorf("%s: %d before restart, %d after", k, v, after[k])
		}
	}
	// The demo passwords work and are not guessable defaults.
	su, err := restarted.FindAuthRecordByEmail(core.CollectionNameSuperusers, "admin@aldercreek.example")
	if err != nil || su.ValidatePassword("admin") || su.ValidatePassword("1234567890") {
		t.Errorf("demo superuser missing or with a default password: %v", err)
	}
}
