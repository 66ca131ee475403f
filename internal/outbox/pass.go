package outbox

import (
	"context"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// batchSize is how many records a pass reads at a time; each is then sent
// and recorded on its own.
const batchSize = 20

// sendingGrace is how long a message may stay "sending" before a pass takes
// it again. A message is marked "sending" (and its attempt counted) before
// the transport is called, and "sent" the moment the far end takes it
// (see deliver), so a crash in between leaves it "sending". If the crash
// fell in the instant between the far end's 250 and that write, the
// message went out and will go out once more: the one at-least-once
// window. Both copies carry the same Message-ID (see messageID), which
// lets mail systems and clients show the second as the same message.
const sendingGrace = 10 * time.Minute

// RunOnce makes one pass over the outbox: for each channel that can send,
// it sends every due message, oldest first; for a channel that cannot
// (email without SMTP set up), it holds queued messages with the reason.
// It reports how many messages were sent. A message that fails is recorded
// on its record and does not stop the pass.
func (w *Worker) RunOnce() (sent int, err error) {
	return w.run(context.Background())
}

// run is a pass that stops between messages once ctx is done.
func (w *Worker) run(ctx context.Context) (int, error) {
	w.pass.Lock()
	defer w.pass.Unlock()
	sent := 0
	for _, channel := range slices.Sorted(maps.Keys(transports)) {
		n, err := w.runChannel(ctx, channel, transports[channel])
		sent += n
		if err != nil {
			return sent, err
		}
	}
	return sent, nil
}

// runChannel is the part of a pass for one channel's messages.
func (w *Worker) runChannel(ctx context.Context, channel string, t Transport) (int, error) {
	now := dbTime(w.opts.Clock.Now())
	of := dbx.Expression(dbx.HashExp{"channel": channel})
	if channel == ChannelEmail {
		of = dbx.HashExp{"channel": []any{channel, ""}} // a record made in the admin UI may leave it empty
	}
	due := dbx.NewExp("[[next_attempt]] <= {:now}", dbx.Params{"now": now})
	if reason := t.Held(w.app); reason != "" {
		// Every queued message, and those whose claim ran out, are held
		// a batch to a transaction.
		return 0, w.each(ctx, of, []step{{StatusQueued, nil}, {StatusSending, due}}, func(batch []*core.Record) {
			w.opts.Yield(ctx)
			w.hold(batch, reason)
		})
	}
	sent := 0
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	// An empty next_attempt sorts before any date; for "sending" it is the
	// end of the grace period.
	steps := []step{{StatusSending, due}, {StatusHeld, due}, {StatusQueued, due}}
	err := w.each(ctx, of, steps, func(batch []*core.Record) {
		for _, r := range batch {
			if w.opts.Yield(ctx); ctx.Err() != nil {
				return
			}
			ok, stalled := w.deliver(ctx, t, r)
			if ok {
				sent++
			}
			if stalled {
				stop() // the rest waits for the next pass
			}
		}
	})
	return sent, err
}

// step is one status a pass visits, with what else makes its messages
// due (nil: all of them).
type step struct {
	status string
	due    dbx.Expression
}

// each calls fn with batches of the outbox records of the channel(s) of
// that are in each step's status, in the steps' order, oldest first (in
// the order they were queued when two share a millisecond). It pages by
// (created, rowid) on the index (status, created), whose entries end with
// the rowid, rather than by offset, so fn may move records out of the
// match, none is visited twice in a pass, and each batch costs the same
// however many messages wait (a sort of every waiting message per batch
// would make a 50,000-resident digest quadratic).
func (w *Worker) each(ctx context.Context, of dbx.Expression, steps []step, fn func([]*core.Record)) error {
	for _, s := range steps {
		after := position{}
		for ctx.Err() == nil {
			var refs []position
			if err := w.batchQuery(of, s, after).All(&refs); err != nil {
				return fmt.Errorf("list outbox messages: %w", err)
			}
			if len(refs) == 0 {
				break
			}
			batch, err := w.records(refs)
			if err != nil {
				return err
			}
			if len(batch) > 0 {
				fn(batch)
			}
			if len(refs) < batchSize {
				break
			}
			after = refs[len(refs)-1]
		}
	}
	return nil
}

// position is where a message stands in a pass.
type position struct {
	ID      string `db:"id"`
	Created string `db:"created"`
	Row     int64  `db:"rowid"`
}

// batchQuery lists the positions of the batch of s's messages that
// follows after.
func (w *Worker) batchQuery(of dbx.Expression, s step, after position) *dbx.SelectQuery {
	q := w.app.DB().Select("id", "created", "rowid").From(Collection).AndWhere(of).AndWhere(dbx.HashExp{"status": s.status}).
		AndWhere(dbx.NewExp("([[created]], rowid) > ({:created}, {:row})", dbx.Params{"created": after.Created, "row": after.Row})).
		OrderBy("[[created]] ASC", "rowid ASC").Limit(batchSize)
	if s.due != nil {
		q.AndWhere(s.due)
	}
	return q
}

// records loads the records at refs, in their order; one removed meanwhile
// is left out.
func (w *Worker) records(refs []position) ([]*core.Record, error) {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	found, err := w.app.FindRecordsByIds(Collection, ids)
	if err != nil {
		return nil, fmt.Errorf("load outbox messages: %w", err)
	}
	byID := make(map[string]*core.Record, len(found))
	for _, r := range found {
		byID[r.Id] = r
	}
	out := make([]*core.Record, 0, len(refs))
	for _, id := range ids {
		if r, ok := byID[id]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// hold parks a batch until its channel can send, telling the clerk why,
// in one transaction (one write for the batch, not one a message).
func (w *Worker) hold(batch []*core.Record, reason string) {
	err := w.app.RunInTransaction(func(tx core.App) error {
		for _, r := range batch {
			runtime.Gosched() // a page that is ready runs first; it needs no write lock
			r.Set("status", StatusHeld)
			r.Set("error", reason)
			if err := tx.Save(r); err != nil {
				return fmt.Errorf("hold message %s: %w", r.Id, err)
			}
		}
		return nil
	})
	if err != nil {
		w.app.Logger().Error("outbox: hold messages", "error", err)
		return
	}
	// One line a batch: a digest held for want of SMTP is 50,000 messages.
	w.app.Logger().Warn("outbox: messages held", "count", len(batch), "first", batch[0].Id,
		"channel", batch[0].GetString("channel"), "reason", reason)
}

// dbTime formats t the way PocketBase stores dates, so they compare as text.
func dbTime(t time.Time) string {
	return t.UTC().Format(types.DefaultDateLayout)
}
