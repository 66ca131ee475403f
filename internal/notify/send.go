package notify

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// maxBackoff caps the wait between two attempts.
const maxBackoff = time.Hour

// deliver claims r, sends it and records the outcome, each in its own small
// write: SQLite has one writer, so no transaction is held across the SMTP
// call. It reports whether the message was sent.
func (w *Worker) deliver(r *core.Record) bool {
	log := w.app.Logger().With("id", r.Id, "kind", r.GetString("kind"))
	r, err := w.claim(r.Id)
	if err != nil {
		log.Error("outbox: claim mail", "error", err)
	}
	if r == nil {
		return false // not claimed: taken by another pass, or an error
	}
	msg, sendErr := w.message(r)
	if sendErr == nil {
		sendErr = w.app.NewMailClient().Send(msg)
	}
	if err := w.settle(r, sendErr); err != nil {
		// The record stays "sending" and is taken again after sendingGrace.
		log.Error("outbox: record outcome; the mail may be sent again", "sent", sendErr == nil, "error", err)
	}
	logOutcome(log, r, sendErr)
	return sendErr == nil
}

func logOutcome(log *slog.Logger, r *core.Record, sendErr error) {
	switch {
	case sendErr == nil:
		log.Info("outbox: mail sent", "failed_attempts", r.GetInt("attempts"))
	case r.GetString("status") == StatusFailed:
		log.Error("outbox: mail failed, no more attempts", "attempts", r.GetInt("attempts"), "error", sendErr)
	default:
		log.Warn("outbox: mail not sent, will retry", "attempts", r.GetInt("attempts"),
			"next_attempt", r.GetString("next_attempt"), "error", sendErr)
	}
}

// claim marks the record "sending" if it is still due, and returns it, or
// nil when another pass or process got there first. The check and the write
// share a transaction, so two workers never both send one message.
func (w *Worker) claim(id string) (*core.Record, error) {
	now := w.opts.Now()
	var claimed *core.Record
	err := w.app.RunInTransaction(func(tx core.App) error {
		r, err := tx.FindRecordById(Collection, id)
		if err != nil {
			return fmt.Errorf("reload: %w", err)
		}
		if !isDue(r, now) {
			return nil
		}
		r.Set("status", StatusSending)
		r.Set("next_attempt", now.Add(sendingGrace))
		if err := tx.Save(r); err != nil {
			return fmt.Errorf("mark sending: %w", err)
		}
		claimed = r
		return nil
	})
	return claimed, err
}

// isDue mirrors the query in run.
func isDue(r *core.Record, now time.Time) bool {
	switch r.GetString("status") {
	case StatusQueued, StatusHeld, StatusSending:
		next := r.GetDateTime("next_attempt")
		return next.IsZero() || !next.Time().After(now)
	}
	return false
}

// settle records the outcome of one attempt.
func (w *Worker) settle(r *core.Record, sendErr error) error {
	now := w.opts.Now()
	if sendErr == nil {
		r.Set("status", StatusSent)
		r.Set("sent_at", now)
		r.Set("next_attempt", "")
		r.Set("error", "")
		return w.app.Save(r)
	}
	n := r.GetInt("attempts") + 1
	r.Set("attempts", n)
	r.Set("error", clip(sendErr.Error(), 1000))
	if n >= w.opts.MaxAttempts {
		r.Set("status", StatusFailed)
		r.Set("next_attempt", "")
	} else {
		r.Set("status", StatusQueued)
		r.Set("next_attempt", now.Add(w.opts.backoff(n)))
	}
	return w.app.Save(r)
}

// backoff is the wait after the n-th failed attempt: BaseBackoff, doubled
// per further attempt, at most maxBackoff.
func (o Options) backoff(n int) time.Duration {
	d := o.BaseBackoff
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

// clip keeps s within the error field's limit, counted in characters.
func clip(s string, limit int) string {
	if r := []rune(s); len(r) > limit {
		return string(r[:limit-1]) + "…"
	}
	return s
}
