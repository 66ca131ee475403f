package notify

import (
	"context"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// batchSize is how many records a pass reads at a time; each is then sent
// and recorded on its own.
const batchSize = 20

// sendingGrace is how long a message may stay "sending" before a pass takes
// it again. A message is marked "sending" before the SMTP call and "sent"
// after it, so a crash in between leaves it "sending": this is the one
// at-least-once window, where the message may have gone out and will go out
// once more. Both copies carry the same Message-ID (see messageID), which
// lets mail systems and clients drop the second.
const sendingGrace = 10 * time.Minute

// RunOnce makes one pass over the outbox: with SMTP set up it sends every
// due message, oldest first; without it, it holds queued mail. It reports
// how many messages were sent. A message that fails is recorded on its
// record and does not stop the pass.
func (w *Worker) RunOnce() (sent int, err error) {
	return w.run(context.Background())
}

// run is a pass that stops between messages once ctx is done.
func (w *Worker) run(ctx context.Context) (int, error) {
	w.pass.Lock()
	defer w.pass.Unlock()
	now := dbTime(w.opts.Now())
	if !settings(w.app).SMTP.Enabled {
		// Never call the mailer now: PocketBase would fall back to a local
		// sendmail binary, which towns' servers rarely have.
		return 0, w.each(ctx, dbx.NewExp("[[status]] = 'queued' OR ([[status]] = 'sending' AND [[next_attempt]] <= {:now})",
			dbx.Params{"now": now}), w.hold)
	}
	sent := 0
	ctx, stop := context.WithCancel(ctx)
	defer stop()
	// An empty next_attempt sorts before any date; for "sending" it is the
	// end of the grace period.
	err := w.each(ctx, dbx.NewExp("[[status]] IN ('queued', 'held', 'sending') AND [[next_attempt]] <= {:now}",
		dbx.Params{"now": now}), func(r *core.Record) {
		ok, stalled := w.deliver(ctx, r)
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
			return fmt.Errorf("list outbox mail: %w", err)
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

// hold parks r until SMTP is set up, telling the clerk why.
func (w *Worker) hold(r *core.Record) {
	r.Set("status", StatusHeld)
	r.Set("error", HeldReason)
	if err := w.app.Save(r); err != nil {
		w.app.Logger().Error("outbox: hold mail", "id", r.Id, "error", err)
		return
	}
	w.app.Logger().Warn("outbox: mail held, SMTP is not set up", "id", r.Id, "kind", r.GetString("kind"))
}

// dbTime formats t the way PocketBase stores dates, so they compare as text.
func dbTime(t time.Time) string {
	return t.UTC().Format(types.DefaultDateLayout)
}
