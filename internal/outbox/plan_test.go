package outbox

import (
	"context"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// TestBatchesUseTheStatusIndex fails when a pass's batch stops being a seek
// into idx_outbox_status_created and sorts every waiting message instead
// (which made a 50,000-message digest quadratic), for the first batch of
// a step and for the ones after it.
func TestBatchesUseTheStatusIndex(t *testing.T) {
	app := newApp(t, nil)
	w := &Worker{app: app, opts: Options{}.withDefaults()}
	due := dbx.NewExp("[[next_attempt]] <= {:now}", dbx.Params{"now": "2026-12-05 07:00:00.000Z"})
	of := dbx.HashExp{"channel": []any{ChannelEmail, ""}}
	for _, s := range []step{{StatusQueued, nil}, {StatusQueued, due}, {StatusSending, due}, {StatusHeld, due}} {
		for _, after := range []position{{}, {Created: "2026-12-05 07:00:00.000Z", Row: 42}} {
			q := w.batchQuery(of, s, after).Build()
			var rows []struct {
				Detail string `db:"detail"`
			}
			if err := app.DB().NewQuery("EXPLAIN QUERY PLAN " + q.SQL()).Bind(q.Params()).All(&rows); err != nil {
				t.Fatal(err)
			}
			var plan strings.Builder
			for _, r := range rows {
				plan.WriteString(r.Detail + "\n")
			}
			if p := plan.String(); !strings.Contains(p, "USING INDEX idx_outbox_status_created") || strings.Contains(p, "TEMP B-TREE") {
				t.Errorf("%s batch after %+v does not walk the status index:\n%s", s.status, after, p)
			}
		}
	}
}

// Queue looks a dedupe key up in its index (a digest asks 50,000 times),
// and a key already there is not queued again.
func TestDedupeKeyIsLookedUpInItsIndex(t *testing.T) {
	app := newApp(t, nil)
	m := Message{To: "ana@example.com", Subject: "Hello", Text: "Hi", DedupeKey: "digest:2026-12-05:ana"}
	var first, second bool
	qs := schematest.Queries(t, app, func() {
		var err error
		if first, err = Queue(app, m); err != nil {
			t.Fatal(err)
		}
		if second, err = Queue(app, m); err != nil {
			t.Fatal(err)
		}
	})
	if !first || second {
		t.Errorf("queued %v then %v, want true then false", first, second)
	}
	schematest.AssertQueriesIndexed(t, app, qs, "outbox", "dedupe_key", "idx_outbox_dedupe_key")
}

// The worker gives way before each message it sends and each batch it
// holds: Options.Yield is called that often, and nothing is sent or held
// until it returns.
func TestWorkerYieldsBeforeEachStep(t *testing.T) {
	srv := startSMTP(t)
	app := newApp(t, srv)
	queueN(t, app, "yield", 3)
	calls := 0
	w := Register(app, Options{Yield: func(context.Context) {
		n, err := app.CountRecords(Collection, dbx.HashExp{"status": StatusSent})
		if err != nil {
			t.Error(err)
		}
		if int(n) != calls {
			t.Errorf("yield %d: %d messages already sent", calls, n)
		}
		calls++
	}})
	runOnce(t, w, 3)
	if calls != 3 {
		t.Errorf("the worker gave way %d times for 3 messages", calls)
	}

	held := newApp(t, nil) // no SMTP: the messages are held
	queueN(t, held, "held", 25)
	calls = 0
	w = Register(held, Options{Yield: func(context.Context) { calls++ }})
	runOnce(t, w, 0)
	if n, err := held.CountRecords(Collection, dbx.HashExp{"status": StatusHeld}); err != nil || n != 25 {
		t.Fatalf("%d held (%v), want 25", n, err)
	}
	if calls != 2 {
		t.Errorf("the worker gave way %d times for two batches of held messages, want 2", calls)
	}
}
