package notify_test

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/busy"
	"github.com/townhall/townhall/internal/notify"
)

// A digest run gives way to people: while a request is in flight it waits
// before it composes anyone's digest, and it goes on when the request ends.
func TestDigestWaitsForRequestsInFlight(t *testing.T) {
	t.Parallel()
	app, th := demoTown(t)
	const residents = 12
	insertResidents(t, app, residents, "giveway", "en", "daily")
	p := notify.PeriodEnding(notify.Daily, soon(), th.Town.Get().Location)

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
	app, th := demoTown(t)
	insertResidents(t, app, 12, "batch", "en", "daily")
	p := notify.PeriodEnding(notify.Daily, soon(), th.Town.Get().Location)
	th.Digests.BatchSize = 5
	var stored []int
	th.Digests.AfterBatch = func(n int) { stored = append(stored, n) }
	if _, err := th.Digests.Run(context.Background(), app, p); err != nil {
		t.Fatal(err)
	}
	// The demo town's own accounts that chose the daily digest come too.
	others := count(t, app, "digest_runs", dbx.HashExp{"period": p.Key}) - 12
	want := []int{}
	for n := 5; n < 12+others; n += 5 {
		want = append(want, n)
	}
	want = append(want, 12+others)
	if !slices.Equal(stored, want) {
		t.Errorf("stored after each batch %v, want %v", stored, want)
	}
}
