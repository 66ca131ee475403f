package notify_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/busy"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// How a digest run goes: by batches, giving way to people, surviving a
// kill, and catching up on a run missed while Townhall was down.

// A digest that came due while Townhall was down goes out when it starts,
// at the time set on the town record, in the town's time zone.
func TestMissedDigestSentOnStart(t *testing.T) {
	t.Parallel()
	app, th := newTown(t)
	eve := account{email: "eve@example.org", lang: "en", digest: "daily"}.create(t, app)
	reserve(t, app, eve.Id, time.Now().Add(24*time.Hour))
	due := time.Now().In(th.Town.Get().Location).Add(-2 * time.Minute)
	digestTimes(t, app, fmt.Sprintf("%d %d * * *", due.Minute(), due.Hour()), "0 0 1 1 *")
	s := notify.RegisterSchedule(app, th.Digests, th.Alerts)
	s.Start()
	defer s.Stop()
	schematest.Eventually(t, "eve's digest", func() bool { return len(digestsTo(t, app, "eve@example.org")) > 0 })
	got := digestsTo(t, app, "eve@example.org")
	if len(got) != 1 {
		t.Fatalf("%d digests after start, want 1", len(got))
	}
	want := notify.PeriodEnding(notify.Daily, due, th.Town.Get().Location).Key
	if key := got[0].GetString("dedupe_key"); !strings.HasPrefix(key, "digest:"+want+":") {
		t.Errorf("dedupe key %s, want the period %s", key, want)
	}
}

// A digest run gives way to people: while a request is in flight it waits
// before it composes anyone's digest, and it goes on when the request ends.
func TestDigestWaitsForRequestsInFlight(t *testing.T) {
	t.Parallel()
	const residents = 12
	app, th, p := crowd(t, residents, "giveway")

	var people busy.Gauge
	endRequest := people.Begin()
	waiting := make(chan struct{})
	var once sync.Once
	th.Digests.Yield = func(ctx context.Context) {
		if people.InFlight() > 0 {
			once.Do(func() { close(waiting) })
		}
		people.Wait(ctx, time.Hour)
	}
	done := make(chan error, 1)
	go func() {
		_, err := th.Digests.Run(context.Background(), app, p)
		done <- err
	}()
	select {
	case <-waiting:
	case <-time.After(time.Minute):
		t.Fatal("the digest did not wait for the request in flight")
	}
	// Yield comes before the first person's digest is composed and stored.
	if n := count(t, app, "digest_runs", dbx.HashExp{"period": p.Key}); n != 0 {
		t.Fatalf("%d digests stored while a request was in flight", n)
	}
	endRequest()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(time.Minute):
		t.Fatal("the digest did not go on when the request ended")
	}
	if n := count(t, app, "digest_runs", dbx.HashExp{"period": p.Key}); n < residents {
		t.Errorf("%d digests stored, want at least %d", n, residents)
	}
}

// A digest reads and stores its recipients a batch at a time, so memory
// holds one batch whatever the number of residents: 12 residents in
// batches of 5 are stored as 5, 10 and 12.
func TestDigestGoesByBatches(t *testing.T) {
	t.Parallel()
	app, th, p := crowd(t, 12, "batch")
	th.Digests.BatchSize = 5
	var stored []int
	th.Digests.AfterBatch = func(n int) { stored = append(stored, n) }
	if _, err := th.Digests.Run(context.Background(), app, p); err != nil {
		t.Fatal(err)
	}
	if want := []int{5, 10, 12}; !slices.Equal(stored, want) {
		t.Errorf("stored after each batch %v, want %v", stored, want)
	}
}

// A digest run killed (SIGKILL, in another process) partway through, then
// run again, leaves each resident exactly one digest: batches are stored
// whole or not at all, and the rerun skips whoever has theirs.
func TestDigestKilledMidRunThenRerun(t *testing.T) {
	t.Parallel()
	const residents = 60
	app, _, p := crowd(t, residents, "kill")
	dir := app.DataDir()
	app.ClearBootstrap() // this process lets go of the database

	cmd := exec.Command(os.Args[0], "-test.run=^TestDigestChildProcess$")
	// TMPDIR: what the killed child leaves in the temp folder goes with the test's.
	cmd.Env = append(os.Environ(), "DIGEST_CHILD_DIR="+dir, "DIGEST_CHILD_END="+p.End.Format(time.RFC3339), "TMPDIR="+t.TempDir())
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killedAfter := 0
	for sc := bufio.NewScanner(out); sc.Scan(); {
		if n, ok := strings.CutPrefix(sc.Text(), "stored "); ok {
			fmt.Sscan(n, &killedAfter)
			if killedAfter >= 15 {
				cmd.Process.Kill()
				break
			}
		}
	}
	cmd.Wait()
	if killedAfter < 15 {
		t.Fatalf("the child stopped before it was killed (stored %d)", killedAfter)
	}

	again := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "pb_test_env"})
	if err := again.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	defer again.ClearBootstrap()
	th2, err := townhall.Register(again, townhalltest.TestConfig())
	if err != nil {
		t.Fatal(err)
	}
	th2.Town.Reload()
	before := count(t, again, "digest_runs", dbx.HashExp{"period": p.Key})
	if before < killedAfter || before >= residents {
		t.Fatalf("%d digests stored when killed after %d of %d", before, killedAfter, residents)
	}
	n, err := th2.Digests.Run(context.Background(), again, p)
	if err != nil {
		t.Fatal(err)
	}
	if before+n != residents {
		t.Fatalf("rerun queued %d, with %d before; want %d in all", n, before, residents)
	}
	for i := range residents {
		email := fmt.Sprintf("kill%05d@example.org", i)
		if got := len(digestsTo(t, again, email)); got != 1 {
			t.Errorf("%s has %d digests", email, got)
		}
	}
	if c := count(t, again, "digest_runs", dbx.HashExp{"period": p.Key}); c != residents {
		t.Errorf("%d digest runs, want %d", c, residents)
	}
}

// TestDigestChildProcess is the process TestDigestKilledMidRunThenRerun
// kills: it runs the digest slowly, saying how far it got.
func TestDigestChildProcess(t *testing.T) {
	dir := os.Getenv("DIGEST_CHILD_DIR")
	if dir == "" {
		t.Skip("run by TestDigestKilledMidRunThenRerun")
	}
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: dir, EncryptionEnv: "pb_test_env"})
	if err := app.Bootstrap(); err != nil {
		t.Fatal(err)
	}
	th, err := townhall.Register(app, townhalltest.TestConfig())
	if err != nil {
		t.Fatal(err)
	}
	th.Town.Reload()
	end, err := time.Parse(time.RFC3339, os.Getenv("DIGEST_CHILD_END"))
	if err != nil {
		t.Fatal(err)
	}
	th.Digests.BatchSize = 5
	th.Digests.AfterBatch = func(n int) {
		fmt.Printf("stored %d\n", n)
		time.Sleep(20 * time.Millisecond)
	}
	th.Digests.Run(context.Background(), app, notify.PeriodEnding(notify.Daily, end, th.Town.Get().Location))
	time.Sleep(time.Minute) // killed before this ends
}
