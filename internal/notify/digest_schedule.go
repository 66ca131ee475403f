package notify

import (
	"context"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/robfig/cron/v3"
	"github.com/townhall/townhall/internal/clock"
)

// Default digest times, as cron lines in the town's time zone.
const (
	DefaultDaily  = "0 7 * * *" // every day at 07:00
	DefaultWeekly = "0 7 * * 1" // Mondays at 07:00
)

// Scheduler runs the digests on robfig/cron in the town's time zone, and
// the loop that sends critical alerts. The clerk sets the
// digest times on the town record; a change takes effect at once.
type Scheduler struct {
	app     core.App
	digests *Digests
	alerts  *Alerts

	mu     sync.Mutex
	cron   *cron.Cron
	cancel context.CancelFunc
	jobs   sync.WaitGroup
}

// RegisterSchedule starts the scheduler when the app serves, restarts it
// when the town record changes, and stops it when the app terminates.
func RegisterSchedule(app core.App, d *Digests, a *Alerts) *Scheduler {
	s := &Scheduler{app: app, digests: d, alerts: a}
	app.OnServe().BindFunc(func(e *core.ServeEvent) error {
		// After the rest of serve's start-up: the town is loaded (and, on a
		// first start, seeded) by then.
		if err := e.Next(); err != nil {
			return err
		}
		s.Start()
		return nil
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		s.Stop()
		return e.Next()
	})
	app.OnRecordAfterUpdateSuccess("town").BindFunc(func(e *core.RecordEvent) error {
		err := e.Next()
		if s.running() {
			// The store's own reload runs only once every hook is done:
			// reload now, for the new time zone.
			d.Town.Reload()
			s.Stop()
			s.Start()
		}
		return err
	})
	return s
}

func (s *Scheduler) running() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cron != nil
}

// Start schedules the jobs, and sends a digest that was missed while the
// program was down (or cut short by a restart) if less than half its
// period has passed since it was due.
func (s *Scheduler) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cron != nil {
		return
	}
	loc := s.digests.Town.Get().Location
	ctx, cancel := context.WithCancel(context.Background())
	c := cron.New(cron.WithLocation(loc))
	now := clock.Or(s.digests.Clock).Now().In(loc) // a schedule without CRON_TZ reads times in their own zone
	for kind, spec := range s.schedules() {
		sched := s.parse(spec, kind)
		c.Schedule(sched, cron.FuncJob(func() {
			s.runDigest(ctx, kind, previous(sched, clock.Or(s.digests.Clock).Now().In(loc), lookback(kind)))
		}))
		if last := previous(sched, now, lookback(kind)); !last.IsZero() && now.Sub(last) < lookback(kind)/2 {
			s.jobs.Go(func() { s.runDigest(ctx, kind, last) })
		}
	}
	s.jobs.Go(func() { s.alerts.loop(ctx, s.app) })
	c.Start()
	s.cron, s.cancel = c, cancel
}

// Stop ends the schedule and the alert loop, cuts a running digest short
// between batches and waits for it.
func (s *Scheduler) Stop() {
	s.mu.Lock()
	c, cancel := s.cron, s.cancel
	s.cron, s.cancel = nil, nil
	s.mu.Unlock()
	if c == nil {
		return
	}
	cancel()
	<-c.Stop().Done()
	s.jobs.Wait()
}

// schedules reads the digest times from the town record.
func (s *Scheduler) schedules() map[string]string {
	out := map[string]string{Daily: DefaultDaily, Weekly: DefaultWeekly}
	recs, err := s.app.FindRecordsByFilter("town", "", "created", 1, 0)
	if err == nil && len(recs) > 0 {
		if v := recs[0].GetString("digest_daily"); v != "" {
			out[Daily] = v
		}
		if v := recs[0].GetString("digest_weekly"); v != "" {
			out[Weekly] = v
		}
	}
	return out
}

// parse reads a cron line, falling back to the default on a mistake.
func (s *Scheduler) parse(spec, kind string) cron.Schedule {
	sched, err := cron.ParseStandard(spec)
	if err == nil {
		return sched
	}
	def := map[string]string{Daily: DefaultDaily, Weekly: DefaultWeekly}[kind]
	s.app.Logger().Error("digests: the town's "+kind+" digest time is not a valid cron line; using the default",
		"value", spec, "default", def, "error", err)
	sched, _ = cron.ParseStandard(def)
	return sched
}

// runDigest is the job: a thin wrapper that logs and carries on.
func (s *Scheduler) runDigest(ctx context.Context, kind string, due time.Time) {
	if due.IsZero() {
		return
	}
	p := PeriodEnding(kind, due, s.digests.Town.Get().Location)
	n, err := s.digests.Run(ctx, s.app, p)
	if err != nil {
		s.app.Logger().Error("digests: run", "period", p.Key, "queued", n, "error", err)
		return
	}
	s.app.Logger().Info("digests: sent", "period", p.Key, "queued", n)
	if s.digests.Clerk != nil {
		if n, err := s.digests.Clerk.Digest(s.app, p, clock.Or(s.digests.Clock).Now()); err != nil {
			s.app.Logger().Error("digests: the clerk's", "period", p.Key, "queued", n, "error", err)
		}
	}
}

func lookback(kind string) time.Duration {
	if kind == Weekly {
		return 7 * 24 * time.Hour
	}
	return 24 * time.Hour
}

// previous is sched's last time at or before now, within lookback.
func previous(sched cron.Schedule, now time.Time, lookback time.Duration) time.Time {
	var last time.Time
	for t := sched.Next(now.Add(-lookback - time.Minute)); !t.IsZero() && !t.After(now); t = sched.Next(t) {
		last = t
	}
	return last
}
