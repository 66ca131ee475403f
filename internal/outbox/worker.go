package outbox

import (
	"context"
	"runtime/debug"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/hook"
	"github.com/townhall/townhall/internal/clock"
)

// Options tune a Worker; zero values take the defaults.
type Options struct {
	Interval    time.Duration // how often the outbox is polled; default 5s
	MaxAttempts int           // attempts before a message is failed; default 10
	BaseBackoff time.Duration // wait after the first failure, doubled per attempt up to 1h; default 30s
	SendTimeout time.Duration // how long one attempt may take; default 2 min
	Clock       clock.Clock   // "now" for attempts and backoff; default clock.Real
	// Yield, if set, is called before each message is sent and each batch
	// is held, so the worker gives way to people's requests (townhall
	// passes busy.Gauge's Wait); it returns when the worker may go on.
	Yield func(context.Context)
}

func (o Options) withDefaults() Options {
	if o.Interval <= 0 {
		o.Interval = 5 * time.Second
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 10
	}
	if o.BaseBackoff <= 0 {
		o.BaseBackoff = 30 * time.Second
	}
	if o.SendTimeout <= 0 {
		o.SendTimeout = 2 * time.Minute
	}
	o.Clock = clock.Or(o.Clock)
	if o.Yield == nil {
		o.Yield = func(context.Context) {}
	}
	return o
}

// Worker sends the outbox, through each channel's transport.
type Worker struct {
	app  core.App
	opts Options
	wake chan struct{}

	pass sync.Mutex // one pass at a time, whether from the loop or RunOnce

	// line is held by the SMTP conversation in progress, which may outlive
	// its pass when the mail server stalls (see send).
	line chan struct{}

	mu       sync.Mutex // guards cancel, done and stopping
	cancel   context.CancelFunc
	done     chan struct{}
	stopping <-chan struct{} // closed once Stop has cancelled the loop
}

// Register creates the worker, starts it when the app serves and stops it
// when the app terminates. A new outbox record or a settings change (the
// clerk turning SMTP on) wakes it at once.
func Register(app core.App, opts Options) *Worker {
	w := &Worker{app: app, opts: opts.withDefaults(), wake: make(chan struct{}, 1), line: make(chan struct{}, 1)}
	// Start last, once every other OnServe handler has done its set-up
	// (some save settings, which must not race the worker's first pass).
	app.OnServe().Bind(&hook.Handler[*core.ServeEvent]{
		Priority: 1000,
		Func: func(e *core.ServeEvent) error {
			w.Start()
			return e.Next()
		},
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		w.Stop()
		return e.Next()
	})
	app.OnRecordAfterCreateSuccess(Collection).BindFunc(func(e *core.RecordEvent) error {
		err := e.Next() // fires after the commit when Queue ran in a transaction
		w.Wake()
		return err
	})
	// The clerk setting up a text provider sends held texts at once.
	app.OnRecordAfterCreateSuccess(SettingsCollection).BindFunc(func(e *core.RecordEvent) error {
		err := e.Next()
		w.Wake()
		return err
	})
	app.OnRecordAfterUpdateSuccess(SettingsCollection).BindFunc(func(e *core.RecordEvent) error {
		err := e.Next()
		w.Wake()
		return err
	})
	app.OnSettingsReload().BindFunc(func(e *core.SettingsReloadEvent) error {
		err := e.Next() // the new settings are loaded only after Next
		w.Wake()
		return err
	})
	return w
}

// Start runs the worker's loop in the background; it does nothing if the
// loop already runs.
func (w *Worker) Start() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel, w.done, w.stopping = cancel, make(chan struct{}), ctx.Done()
	go w.loop(ctx, w.done)
}

// Stop ends the loop and waits for it: a send in flight finishes (or is
// given up after shutdownGrace) and its outcome is recorded before Stop
// returns.
func (w *Worker) Stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel == nil {
		return
	}
	w.cancel()
	<-w.done
	w.cancel, w.done, w.stopping = nil, nil, nil
}

// Wake asks the loop for a pass now instead of at the next tick.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default: // a pass is already asked for
	}
}

func (w *Worker) loop(ctx context.Context, done chan struct{}) {
	defer close(done)
	tick := time.NewTicker(w.opts.Interval)
	defer tick.Stop()
	for {
		w.safeRun(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-w.wake:
		}
	}
}

// safeRun is a pass that logs its error, or its panic, and lets the loop
// carry on: one bad message must not stop the town's mail.
func (w *Worker) safeRun(ctx context.Context) {
	defer func() {
		if p := recover(); p != nil {
			w.app.Logger().Error("outbox: pass panicked", "panic", p, "stack", string(debug.Stack()))
		}
	}()
	if _, err := w.run(ctx); err != nil {
		w.app.Logger().Error("outbox: pass failed", "error", err)
	}
}
