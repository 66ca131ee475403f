package outbox

import (
	"context"
	"fmt"
	"maps"
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
	of := dbx.HashExp{"channel": channel}
	if channel == ChannelEmail {
		of = dbx.HashExp{"channel": []any{channel, ""}} // a record made in the admin UI may leave it empty
	}
	if reason := t.Held(w.app); reason != "" {
		return 0, w.each(ctx, dbx.And(of,
			dbx.NewExp("[[status]] = 'queued' OR ([[status]] = 'sending' AND [[next_attempt]] <= {:now})", dbx.Params{"now": now})),
			func(r *core.Record) { w.hold(r, reason) })
	}
	sent := 0
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	// An empty next_attempt sorts before any date; for "sending" it is the
	// end of the grace period.
	err := w.each(ctx, dbx.And(of,
		dbx.NewExp("[[status]] IN ('queued', 'held', 'sending') AND [[next_attempt]] <= {:now}", dbx.Params{"now": now})),
		func(r *core.Record) {
			ok, stalled := w.deliver(ctx, t, r)
			if ok {
				sent++
			}
			if stalled {
				stop() // the rest waits for the next pass
			}
		})
	return sent, err
}

// each calls fn for every outbox record matching where, oldest first, in
// batches. It pages by (created, id) rather than by offset, so fn may move
// records out of the match and none is visited twice in a pass.
func (w *Worker) each(ctx context.Context, where dbx.Expression, fn func(*core.Record)) error {
	var after *core.Record
	for ctx.Err() == nil {
		q := w.app.RecordQuery(Collection).AndWhere(where).
			OrderBy("[[created]] ASC", "[[id]] ASC").Limit(batchSize)
		if after != nil {
			q.AndWhere(dbx.NewExp("([[created]] > {:c} OR ([[created]] = {:c} AND [[id]] > {:id}))",
				dbx.Params{"c": after.GetString("created"), "id": after.Id}))
		}
		var batch []*core.Record
		if err := q.All(&batch); err != nil {
			return fmt.Errorf("list outbox messages: %w", err)
		}
		for _, r := range batch {
			if ctx.Err() != nil {
				return nil
			}
			fn(r)
		}
		if len(batch) < batchSize {
			return nil
		}
		after = batch[len(batch)-1]
	}
	return nil
}

// hold parks r until its channel can send, telling the clerk why.
func (w *Worker) hold(r *core.Record, reason string) {
	r.Set("status", StatusHeld)
	r.Set("error", reason)
	if err := w.app.Save(r); err != nil {
		w.app.Logger().Error("outbox: hold message", "id", r.Id, "error", err)
		return
	}
	w.app.Logger().Warn("outbox: message held", "id", r.Id, "channel", r.GetString("channel"), "reason", reason, "kind", r.GetString("kind"))
}

// dbTime formats t the way PocketBase stores dates, so they compare as text.
func dbTime(t time.Time) string {
	return t.UTC().Format(types.DefaultDateLayout)
}
