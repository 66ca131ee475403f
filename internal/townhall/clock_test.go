package townhall_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/townhall"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// The clock in Config is the one every domain reads: a request submitted
// through the wired domain is numbered in the fake clock's year.
func TestConfigClockReachesTheDomains(t *testing.T) {
	fake := clock.NewFake(time.Date(2033, 6, 1, 12, 0, 0, 0, time.UTC))
	app, th := onClock(t, fake)
	t.Cleanup(app.Cleanup)
	th.Town.Reload()
	if th.Clock != clock.Clock(fake) || th.Requests.Clock != clock.Clock(fake) {
		t.Fatalf("clocks: townhall %v, requests %v; want the fake", th.Clock, th.Requests.Clock)
	}
	u, err := app.FindAuthRecordByEmail("users", "resident@aldercreek.example")
	if err != nil {
		t.Fatal(err)
	}
	rec, err := th.Requests.Submit(app, requests.Input{ServiceCode: "general", Channel: "web", Description: "Q", ReporterID: u.Id})
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.GetString("number"); got != "2033-0001" {
		t.Errorf("number %q, want 2033-0001", got)
	}
}

// The site reads the same clock: security.txt expires a year after the
// fake clock's day, not the machine's.
func TestConfigClockReachesTheSite(t *testing.T) {
	fake := clock.NewFake(time.Date(2033, 6, 1, 12, 0, 0, 0, time.UTC))
	(&tests.ApiScenario{
		Name: "security.txt on the fake clock", Method: http.MethodGet, URL: "/.well-known/security.txt",
		ExpectedStatus: http.StatusOK, ExpectedContent: []string{"Expires: 2034-06-01T00:00:00Z"},
		TestAppFactory: func(t testing.TB) *tests.TestApp {
			app, _ := onClock(t, fake)
			return app
		},
	}).Test(t)
}

// onClock is a clone of the demo town wired with the clock c.
func onClock(t testing.TB, c clock.Clock) (*tests.TestApp, *townhall.Townhall) {
	t.Helper()
	return onClockIn(t, townhalltest.SharedDemoDir(t), c)
}

// onClockIn is a clone of the town in dir wired with the clock c.
func onClockIn(t testing.TB, dir string, c clock.Clock) (*tests.TestApp, *townhall.Townhall) {
	t.Helper()
	app, err := tests.NewTestApp(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg := townhalltest.TestConfig()
	cfg.Clock = c
	th, err := townhall.Register(app, cfg)
	if err != nil {
		app.Cleanup()
		t.Fatal(err)
	}
	return app, th
}
