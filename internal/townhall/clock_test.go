package townhall_test

import (
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
	app, err := tests.NewTestApp(townhalltest.SharedDemoDir(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	fake := clock.NewFake(time.Date(2033, 6, 1, 12, 0, 0, 0, time.UTC))
	cfg := townhalltest.TestConfig()
	cfg.Clock = fake
	th, err := townhall.Register(app, cfg)
	if err != nil {
		t.Fatal(err)
	}
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
