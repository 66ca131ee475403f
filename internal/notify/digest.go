package notify

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/town"
)

// Digest periods.
const (
	Daily  = "daily"
	Weekly = "weekly"
)

// Period is one digest: what happened from Start up to End, the scheduled
// time it goes out. Key names it in digest_runs and in the outbox's dedupe
// keys, so a period's digest reaches each person once, however often the
// job runs.
type Period struct {
	Kind, Key  string
	Start, End time.Time
}

// PeriodEnding is the period of kind whose digest is due at end, keyed by
// the date (daily) or ISO week (weekly) of end in the town's time zone.
func PeriodEnding(kind string, end time.Time, loc *time.Location) Period {
	end = end.In(loc).Truncate(time.Minute)
	if kind == Weekly {
		y, w := end.ISOWeek()
		return Period{Kind: kind, Key: fmt.Sprintf("weekly:%d-W%02d", y, w), Start: end.AddDate(0, 0, -7), End: end}
	}
	return Period{Kind: Daily, Key: "daily:" + end.Format(time.DateOnly), Start: end.AddDate(0, 0, -1), End: end}
}

// Digests builds the digest emails and queues them in the outbox.
type Digests struct {
	Bundle *i18n.Bundle
	Town   *town.Store
	Clock  clock.Clock // "now" for the schedule's catch-up; nil is clock.Real
	// BatchSize is how many people's digests are stored per transaction;
	// default 20 (short write transactions, so a submission never waits long
	// for the database). A run cut short loses at most the batch in progress,
	// which the next run sends.
	BatchSize int
	// AfterBatch, if set, is called after each stored batch with the number
	// stored so far in this run (tests use it to kill a run midway).
	AfterBatch func(stored int)
	// Clerk, if set, sends the clerk's daily digest after the daily run.
	Clerk *ClerkMail
	// Yield, if set, is called before each person's digest is composed and
	// each batch stored, so the run gives way to people's requests
	// (townhall passes busy.Gauge's Wait); it returns when the run may go on.
	Yield func(context.Context)

	mu sync.Mutex // one run at a time
}

// outgoing is one person's digest for a period; msg is nil when there was
// nothing new to tell them.
type outgoing struct {
	user, kind string
	msg        *outbox.Message
}

// Run sends p's digest to everyone who asked for it and has not had it yet:
// residents get their own, staff the staff digest. It reports how many
// emails were queued. A cancelled ctx stops it between batches.
func (d *Digests) Run(ctx context.Context, app core.App, p Period) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	c, err := d.collect(app, p)
	if err != nil {
		return 0, err
	}
	size := d.BatchSize
	if size <= 0 {
		size = 20
	}
	// People are read a batch at a time, in id order, so memory holds one
	// batch whatever the number of residents.
	queued, stored, after := 0, 0, ""
	for ctx.Err() == nil {
		people, err := pending(app, p, after, size)
		if err != nil || len(people) == 0 {
			return queued, err
		}
		after = people[len(people)-1].ID
		batch := make([]outgoing, 0, len(people))
		for _, who := range people {
			d.yield(ctx)
			o, err := d.compose(app, c, who)
			if err != nil {
				return queued, err
			}
			batch = append(batch, o)
		}
		d.yield(ctx)
		n, err := d.store(app, p, batch)
		if err != nil {
			return queued, err
		}
		queued += n
		stored += len(batch)
		if d.AfterBatch != nil {
			d.AfterBatch(stored)
		}
	}
	return queued, ctx.Err()
}

func (d *Digests) yield(ctx context.Context) {
	if d.Yield != nil {
		d.Yield(ctx)
	}
}

// person is someone who asked for this period's digest.
type person struct {
	ID         string `db:"id"`
	Email      string `db:"email"`
	Name       string `db:"name"`
	Language   string `db:"language"`
	Role       string `db:"role"`
	Department string `db:"department"`
}

// pending lists up to limit accounts after the id after that chose p's
// kind of digest and have no digest_runs row for p yet: residents once
// they proved their address, staff (whom the clerk made staff) at once.
// NOT EXISTS seeks one index entry a person; NOT IN would list every run
// of the period for each batch, which made a large digest quadratic.
func pending(app core.App, p Period, after string, limit int) ([]person, error) {
	var people []person
	err := app.DB().NewQuery(`SELECT id, email, name, language, role, department FROM users
		WHERE id > {:after} AND digest = {:kind} AND (verified = TRUE OR role = 'staff') AND email != ''
		AND NOT EXISTS (SELECT 1 FROM digest_runs WHERE period = {:key} AND [[user]] = users.id)
		ORDER BY id LIMIT {:limit}`).Bind(dbx.Params{"kind": p.Kind, "key": p.Key, "after": after, "limit": limit}).All(&people)
	if err != nil {
		return nil, fmt.Errorf("list digest recipients: %w", err)
	}
	return people, nil
}

// store records a batch's digests and queues their emails in one
// transaction. If the batch fails (another process stored one of them), it
// is stored again one person at a time, skipping those already done.
func (d *Digests) store(app core.App, p Period, batch []outgoing) (int, error) {
	queued := 0
	err := app.RunInTransaction(func(tx core.App) error {
		queued = 0
		for _, o := range batch {
			n, err := storeOne(tx, p, o)
			if err != nil {
				return err
			}
			queued += n
		}
		return nil
	})
	if err == nil {
		return queued, nil
	}
	queued = 0
	for _, o := range batch {
		var n int
		err := app.RunInTransaction(func(tx core.App) error {
			var err error
			n, err = storeOne(tx, p, o)
			return err
		})
		if err != nil {
			done, cerr := app.CountRecords("digest_runs", dbx.HashExp{"period": p.Key, "user": o.user})
			if cerr == nil && done > 0 {
				continue // another process stored it
			}
			return queued, fmt.Errorf("store the %s digest of %s: %w", p.Key, o.user, errors.Join(err, cerr))
		}
		queued += n
	}
	return queued, nil
}

func storeOne(tx core.App, p Period, o outgoing) (int, error) {
	if o.msg != nil {
		if err := o.msg.Validate(); err != nil {
			// An address the outbox cannot take must not stop everyone
			// else's digest; the run is recorded as not sent.
			tx.Logger().Warn("digests: not sent", "period", p.Key, "user", o.user, "error", err.Error())
			o.msg = nil
		}
	}
	col, err := tx.FindCachedCollectionByNameOrId("digest_runs")
	if err != nil {
		return 0, err
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"period": p.Key, "user": o.user, "kind": o.kind, "sent": o.msg != nil})
	if err := tx.Save(r); err != nil {
		return 0, fmt.Errorf("record digest run: %w", err)
	}
	if o.msg == nil {
		return 0, nil
	}
	if _, err := outbox.Queue(tx, *o.msg); err != nil {
		return 0, fmt.Errorf("queue digest: %w", err)
	}
	return 1, nil
}
