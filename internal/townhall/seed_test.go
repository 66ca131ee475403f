package townhall_test

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/requests"
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

// demoNow is the fake clock of the demo request tests: a Wednesday.
var demoNow = time.Date(2031, 3, 12, 18, 0, 0, 0, time.UTC)

// demoWithRequests seeds the demo town on first start, as `make run` does,
// on the fake clock, and returns the folder to clone.
func demoWithRequests(t *testing.T) string {
	t.Helper()
	app, th := onClockIn(t, t.TempDir(), clock.NewFake(demoNow))
	t.Cleanup(app.Cleanup) // clones read its folder until the test ends
	th.Town.Reload()
	if seeded, err := townhall.SeedDemo(app, townhalltest.TestConfig().Content, th.Requests, io.Discard); err != nil || !seeded {
		t.Fatalf("seeded=%v err=%v", seeded, err)
	}
	return app.DataDir()
}

// The demo town starts with requests in every state, numbered from
// 2031-0001 on the seed's clock, filed through the requests domain
// (department and due date from the service), and writes to none of its
// invented residents.
func TestDemoTownHasRequestsInEveryState(t *testing.T) {
	app, th := onClockIn(t, demoWithRequests(t), clock.NewFake(demoNow))
	defer app.Cleanup()
	th.Town.Reload()
	recs, err := app.FindRecordsByFilter("requests", "", "number", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 5 || recs[0].GetString("number") != "2031-0001" {
		t.Fatalf("%d demo requests; want 5 or more from 2031-0001", len(recs))
	}
	seen := map[string]bool{}
	depts := map[string]bool{}
	for _, r := range recs {
		n, status := r.GetString("number"), r.GetString("status")
		depts[r.GetString("department")] = true
		created, due := r.GetDateTime("created").Time(), r.GetDateTime("due").Time()
		if r.GetString("department") == "" || !due.After(created) || created.After(demoNow) {
			t.Errorf("%s: department %q, filed %v, due %v", n, r.GetString("department"), created, due)
		}
		closed := r.GetDateTime("closed_at").Time()
		days, onTime := requests.Closing(created, closed, due, th.Town.Get().Location)
		if closed.IsZero() == !requests.IsOpen(status) || r.GetFloat("close_days") != days || r.GetBool("closed_on_time") != onTime {
			t.Errorf("%s: %s, closed %v after %v days (on time %v); want %v days (on time %v)", n, status, closed,
				r.GetFloat("close_days"), r.GetBool("closed_on_time"), days, onTime)
		}
		seen[status] = true
		timeline, err := requests.Timeline(app, r, false)
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case status == requests.StatusInProgress && hasEntry(timeline, "comment", ""):
			seen["in progress with a public comment"] = true
		case status == requests.StatusResolved && r.GetString("published_description") != "" &&
			hasEntry(timeline, "status", requests.StatusResolved) && !r.GetDateTime("closed_at").IsZero():
			seen["resolved, published, with a status note"] = true
		}
		if _, withheld := requests.PublicDescription(r); withheld && r.GetString("channel") == requests.ChannelEmail {
			seen["email, description withheld"] = true
		}
		if requests.IsOpen(status) && due.Before(demoNow) {
			seen["overdue"] = true
		}
	}
	for _, want := range []string{requests.StatusNew, requests.StatusWaiting, "in progress with a public comment",
		"resolved, published, with a status note", "email, description withheld", "overdue"} {
		if !seen[want] {
			t.Errorf("no demo request %s", want)
		}
	}
	if len(depts) < 3 {
		t.Errorf("demo requests in %d departments, want 3 or more", len(depts))
	}
	if n, err := app.CountRecords("outbox"); err != nil || n != 0 {
		t.Errorf("the demo seed queued %d emails (err %v); its residents are invented", n, err)
	}
}

// hasEntry reports whether the timeline has an entry of kind with a body
// (and the given status, for a status change).
func hasEntry(timeline []requests.Entry, kind, status string) bool {
	for _, e := range timeline {
		if e.Kind == kind && e.Body != "" && (status == "" || e.Status == status) {
			return true
		}
	}
	return false
}

// The public list and the public pages of the demo requests show streets,
// never a house number, a name, a phone number or an email address, and
// the request that came by email keeps its signed text private.
// The public list and the public pages of the demo requests show streets,
// never a house number, a name, a phone number or an email address, and
// the request that came by email keeps its signed text private.
func TestDemoRequestsShowNothingPersonal(t *testing.T) {
	dir := demoWithRequests(t)
	private := []string{"010-0342", "010-0123", "010-0588", "010-0456", "010-0611", "example.net",
		"Okafor", "Reilly", "Torres", "Grace", "Patel", "48 Elm", "120 River", "7 Birch", "215 Quarry", "solid ice"}
	factory := func(t testing.TB) *tests.TestApp {
		app, _ := onClockIn(t, dir, clock.NewFake(demoNow))
		return app
	}
	app := factory(t)
	recs, err := app.FindRecordsByFilter("requests", "public = true", "number", 0, 0)
	app.Cleanup()
	if err != nil || len(recs) < 4 {
		t.Fatalf("%d public demo requests, err %v", len(recs), err)
	}
	listed := []string{"Elm Street", "River Road", "Birch Lane", "Quarry Road"}
	for _, r := range recs {
		listed = append(listed, r.GetString("number"))
	}
	(&tests.ApiScenario{Name: "public list", Method: http.MethodGet, URL: "/en/requests",
		ExpectedStatus: http.StatusOK, TestAppFactory: factory,
		ExpectedContent: listed, NotExpectedContent: private}).Test(t)
	for _, r := range recs {
		for _, lang := range []string{"en", "es"} {
			(&tests.ApiScenario{Name: lang + " " + r.GetString("number"), Method: http.MethodGet,
				URL: "/" + lang + "/requests/" + r.GetString("number"), ExpectedStatus: http.StatusOK,
				ExpectedContent: []string{r.GetString("number")}, NotExpectedContent: private, TestAppFactory: factory}).Test(t)
		}
	}
}
