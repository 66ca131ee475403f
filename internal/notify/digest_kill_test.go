package notify_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/townhall"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// A digest run killed (SIGKILL, in another process) partway through, then
// run again, leaves each resident exactly one digest: batches are stored
// whole or not at all, and the rerun skips whoever has theirs.
func TestDigestKilledMidRunThenRerun(t *testing.T) {
	t.Parallel()
	app, th := demoTown(t)
	const residents = 60
	insertResidents(t, app, residents, "kill", "en", "daily")
	p := notify.PeriodEnding(notify.Daily, soon(), th.Town.Get().Location)
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
