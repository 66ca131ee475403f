package townhall

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/town"
)

// PruneJob is the cron job that empties the outbox of old sent messages,
// every night at 03:17 server time, after the day's digests are long sent.
const PruneJob = "outboxPrune"

// registerPrune schedules PruneOutbox.
func registerPrune(app core.App, store *town.Store, clk clock.Clock) {
	app.Cron().MustAdd(PruneJob, "17 3 * * *", func() {
		if err := PruneOutbox(app, store.Get(), clk); err != nil {
			app.Logger().Error("outbox prune", "error", err)
		}
	})
}

// PruneOutbox empties or removes the messages sent longer ago than the
// town's retention (outbox.Prune), and logs how many.
func PruneOutbox(app core.App, t *town.Town, clk clock.Clock) error {
	emptied, deleted, err := outbox.Prune(app, clk.Now().Add(-t.OutboxRetention()))
	app.Logger().Info("outbox pruned", "emptied", emptied, "deleted", deleted, "retention", t.OutboxRetention().String())
	return err
}
