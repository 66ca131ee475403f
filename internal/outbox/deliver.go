package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// maxBackoff caps the wait between two attempts.
const maxBackoff = time.Hour

// shutdownGrace is how long shutdown waits for a send in flight.
const shutdownGrace = 5 * time.Second

// errStalled is the error of a send that outlived Options.SendTimeout.
type errStalled time.Duration

func (e errStalled) Error() string {
	return fmt.Sprintf("the mail server did not finish within %s; trying again later", time.Duration(e))
}

// deliver claims r, sends it and records the outcome, each in its own small
// write: SQLite has one writer, so no transaction is held across the
// transport's call. It reports whether the message was sent, and whether
// the transport is stalled (the pass should stop).
//
// The one window in which a message can go out twice is between the far
// end taking it (SMTP's 250 after DATA) and the write that records it
// sent: that write is the very next thing done (see accept), before the
// transport even says goodbye. A crash inside that window leaves the
// message "sending"; it is sent again after sendingGrace, with the same
// Message-ID.
func (w *Worker) deliver(ctx context.Context, t Transport, r *core.Record) (sent, stalled bool) {
	log := w.app.Logger().With("id", r.Id, "kind", r.GetString("kind"))
	select {
	case w.line <- struct{}{}:
	default:
		// An earlier conversation is still stuck: leave r due for later
		// rather than open another connection to a server that hangs.
		return false, true
	}
	r, err := w.claim(r.Id)
	if err != nil {
		log.Error("outbox: claim message", "error", err)
	}
	if r == nil {
		<-w.line
		return false, false // not claimed: taken by another pass, or an error
	}
	// The transport and the write after the 250 get copies of r: they may
	// run on after a stalled attempt was recorded on r (see send).
	var accepted atomic.Bool
	toSend, toAccept := r.Fresh(), r.Fresh()
	sendErr := w.send(ctx, t, toSend, func() {
		accepted.Store(true)
		if err := w.accept(toAccept); err != nil {
			log.Error("outbox: record a sent message; it may be sent again", "error", err)
		}
	})
	if accepted.Load() {
		// Sent, whatever happened after the 250 (a QUIT that failed, say).
		logOutcome(log, r, nil)
		return true, false
	}
	if err := w.settle(r, sendErr); err != nil {
		// The record stays "sending" and is taken again after sendingGrace.
		log.Error("outbox: record a failed attempt", "error", err)
	}
	logOutcome(log, r, sendErr)
	_, stalled = sendErr.(errStalled)
	return false, stalled
}

// send hands r to the transport and releases w.line when the transport
// returns. A transport that stops answering would hold the outbox (and
// shutdown) for long: after SendTimeout the attempt counts as failed, and
// the stuck conversation keeps the line until it ends, so at most one is
// ever open. Should it end in the far end taking the message after all,
// accepted records it sent then. When ctx ends (shutdown), a send in flight
// gets shutdownGrace more to finish.
func (w *Worker) send(ctx context.Context, t Transport, r *core.Record, accepted func()) error {
	done := make(chan error, 1)
	go func() {
		var err error
		defer func() {
			if p := recover(); p != nil { // this goroutine is outside safeRun's recover
				err = fmt.Errorf("the transport panicked: %v", p)
			}
			<-w.line // before done: the next deliver must find the line free
			done <- err
		}()
		err = t.Send(w.app, r, accepted)
	}()
	timer := time.NewTimer(w.opts.SendTimeout)
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return errStalled(w.opts.SendTimeout)
	case <-ctx.Done():
		select {
		case err := <-done:
			return err
		case <-time.After(shutdownGrace):
			return errStalled(shutdownGrace)
		}
	}
}

func logOutcome(log *slog.Logger, r *core.Record, sendErr error) {
	switch {
	case sendErr == nil:
		log.Info("outbox: message sent", "failed_attempts", r.GetInt("attempts")-1)
	case r.GetString("status") == StatusFailed:
		log.Error("outbox: message failed, no more attempts", "attempts", r.GetInt("attempts"), "error", sendErr)
	default:
		log.Warn("outbox: message not sent, will retry", "attempts", r.GetInt("attempts"),
			"next_attempt", r.GetString("next_attempt"), "error", sendErr)
	}
}

// claim marks the record "sending" if it is still due, counts the attempt,
// and returns it, or nil when another pass or process got there first. The
// check and the write share a transaction, so two workers never both send
// one message, and the attempt is committed before the transport is called:
// a message whose sending kills the process is not tried for ever.
func (w *Worker) claim(id string) (*core.Record, error) {
	now := w.opts.Clock.Now()
	var claimed *core.Record
	err := w.app.RunInTransaction(func(tx core.App) error {
		r, err := tx.FindRecordById(Collection, id)
		if err != nil {
			return fmt.Errorf("reload: %w", err)
		}
		if !isDue(r, now) {
			return nil
		}
		if w.opts.MaxAttempts > 0 && r.GetInt("attempts") >= w.opts.MaxAttempts {
			return fail(tx, r, "an attempt to send it never finished (the process stopped)")
		}
		r.Set("status", StatusSending)
		r.Set("attempts", r.GetInt("attempts")+1)
		r.Set("next_attempt", now.Add(sendingGrace))
		if err := tx.Save(r); err != nil {
			return fmt.Errorf("mark sending: %w", err)
		}
		claimed = r
		return nil
	})
	return claimed, err
}

// fail gives up on r, whose last attempt did not come back.
func fail(tx core.App, r *core.Record, reason string) error {
	r.Set("status", StatusFailed)
	r.Set("next_attempt", "")
	if r.GetString("error") == "" {
		r.Set("error", reason)
	}
	return tx.Save(r)
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

// accept records r sent: the first thing done once the far end has taken
// it. The attempt counted by claim did not fail, so it is taken back.
func (w *Worker) accept(r *core.Record) error {
	r.Set("status", StatusSent)
	r.Set("attempts", max(r.GetInt("attempts")-1, 0))
	r.Set("sent_at", w.opts.Clock.Now())
	r.Set("next_attempt", "")
	r.Set("error", "")
	return w.app.Save(r)
}

// settle records an attempt that did not send; claim counted it already.
func (w *Worker) settle(r *core.Record, sendErr error) error {
	if sendErr == nil {
		// The transport returned without saying the message was taken.
		sendErr = fmt.Errorf("the %s transport returned without sending", r.GetString("channel"))
	}
	n := r.GetInt("attempts")
	r.Set("error", clip(sendErr.Error(), 1000))
	var hold Hold
	switch {
	case errors.As(sendErr, &hold):
		r.Set("status", StatusHeld)
		r.Set("attempts", max(n-1, 0))
		r.Set("next_attempt", "")
	case n >= w.opts.MaxAttempts || errors.Is(sendErr, ErrPermanent):
		r.Set("status", StatusFailed)
		r.Set("next_attempt", "")
	default:
		r.Set("status", StatusQueued)
		r.Set("next_attempt", w.opts.Clock.Now().Add(w.opts.backoff(n)))
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
