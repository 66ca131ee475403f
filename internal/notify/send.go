package notify

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
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
// write: SQLite has one writer, so no transaction is held across the SMTP
// call. It reports whether the message was sent, and whether the mail
// server is stalled (the pass should stop).
func (w *Worker) deliver(ctx context.Context, r *core.Record) (sent, stalled bool) {
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
		log.Error("outbox: claim mail", "error", err)
	}
	if r == nil {
		<-w.line
		return false, false // not claimed: taken by another pass, or an error
	}
	msg, sendErr := w.message(r)
	if sendErr == nil {
		sendErr = w.send(ctx, msg)
	} else {
		<-w.line
	}
	if err := w.settle(r, sendErr); err != nil {
		// The record stays "sending" and is taken again after sendingGrace.
		log.Error("outbox: record outcome; the mail may be sent again", "sent", sendErr == nil, "error", err)
	}
	logOutcome(log, r, sendErr)
	_, stalled = sendErr.(errStalled)
	return sendErr == nil, stalled
}

// send hands msg to PocketBase's mailer and releases w.line when it returns.
// That mailer sets no timeouts, so a server that accepts the connection and
// then stops answering would hold the outbox (and shutdown) for good: after
// SendTimeout the attempt counts as failed, and the stuck conversation keeps
// the line until it ends, so at most one is ever open. Should it end in
// success after all, the retry carries the same Message-ID. When ctx ends
// (shutdown), a send in flight gets shutdownGrace more to finish.
func (w *Worker) send(ctx context.Context, msg *mailer.Message) error {
	client := mailClient(w.app, settings(w.app))
	done := make(chan error, 1)
	go func() {
		var err error
		defer func() {
			if p := recover(); p != nil { // this goroutine is outside safeRun's recover
				err = fmt.Errorf("the mail client panicked: %v", p)
			}
			<-w.line // before done: the next deliver must find the line free
			done <- err
		}()
		err = client.Send(msg)
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

// mailClient is PocketBase's SMTP client for s, with the app's
// OnMailerSend hooks, as app.NewMailClient makes it. It reads a copy of the
// settings (see settings): NewMailClient reads the live struct, which the
// clerk may be saving at that moment.
func mailClient(app core.App, s *core.Settings) mailer.Mailer {
	c := &mailer.SMTPClient{Host: s.SMTP.Host, Port: s.SMTP.Port, Username: s.SMTP.Username, Password: s.SMTP.Password,
		TLS: s.SMTP.TLS, AuthMethod: s.SMTP.AuthMethod, LocalName: s.SMTP.LocalName}
	c.OnSend().BindFunc(func(e *mailer.SendEvent) error {
		ae := &core.MailerEvent{Mailer: c, Message: e.Message}
		ae.App = app
		return app.OnMailerSend().Trigger(ae, func(ae *core.MailerEvent) error {
			e.Message = ae.Message
			return e.Next()
		})
	})
	return c
}
