// Package townhall is the composition root: Register builds the clock, the
// domains, the composer, the outbox and every channel once and wires them
// into a PocketBase app. Beside it live what start-up needs and nothing else:
// the demo seed on first start, the Application URL taken from the serve
// address, and the `content import|export` command. The layers it wires are
// drawn in docs/ARCHITECTURE.md, and layers_test.go holds their arrows.
package townhall

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/debug"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/spf13/cobra"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/mailin"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/open311"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/requests"
	_ "github.com/townhall/townhall/internal/schema" // registers the migrations
	"github.com/townhall/townhall/internal/search"
	"github.com/townhall/townhall/internal/sms"
	"github.com/townhall/townhall/internal/town"
	"github.com/townhall/townhall/internal/upload"
	"github.com/townhall/townhall/internal/web"
)

// Config is what main hands over: the embedded (or on-disk) files and flags.
type Config struct {
	Public  fs.FS // pb_public
	Locales fs.FS // locales
	Content fs.FS // content: the starter knowledge base
	Demo    bool  // seed the demo town into an empty database
	Root    *cobra.Command
	SMTP    mailin.Config // the inbound mail listener; no address, no listener
	Clock   clock.Clock   // "now" for every domain; nil is clock.Real (tests pass a clock.Fake)
}

// Sections is the display order of the starter knowledge base's sections;
// sections not listed follow alphabetically.
var Sections = []string{"waste", "water", "streets", "permits", "recreation", "records", "taxes", "government"}

// Townhall is what Register wired, for the commands and tests that need it.
type Townhall struct {
	Clock    clock.Clock // the one clock every domain reads
	Bundle   *i18n.Bundle
	Town     *town.Store
	Requests *requests.Domain
	Outbox   *outbox.Worker
	Mail     *mailin.Server
	Digests  *notify.Digests
	Alerts   *notify.Alerts
	Payments *payments.Domain
	SMS      *sms.Channel
}

// Register wires Townhall into app.
func Register(app core.App, cfg Config) (*Townhall, error) {
	bundle, err := i18n.Load(cfg.Locales)
	if err != nil {
		return nil, fmt.Errorf("load translations: %w", err)
	}
	clk := clock.Or(cfg.Clock)
	store := town.NewStore(app, bundle.Has)
	town.KeepAppURL(app)
	upload.Register(app) // pictures over 40 megapixels, on every path
	var out io.Writer    // the start-up warning goes to the terminal, not to tests
	if cfg.Root != nil {
		out = cfg.Root.OutOrStdout()
	}
	registerAppURL(app, cfg.Root, out)
	domain := &requests.Domain{Town: store, Clock: clk, Bundle: bundle}
	requests.Register(app, domain)
	notify.RegisterRequestMail(app, &notify.RequestMail{Bundle: bundle, Town: store})
	bookings := &booking.Domain{Town: store, Clock: clk}
	booking.Register(app, bookings)
	notify.RegisterBookingMail(app, &notify.BookingMail{Bundle: bundle, Town: store, Booking: bookings})
	pay := &payments.Domain{Booking: bookings, Clock: clk}
	payments.Register(app, pay)
	notify.RegisterPaymentMail(app, &notify.PaymentMail{Bundle: bundle, Town: store, Clock: clk})
	// Background work (the outbox, the digest) gives way to people.
	people := countRequests(app)
	giveWay := func(ctx context.Context) { people.Wait(ctx, giveWayMax) }
	worker := outbox.Register(app, outbox.Options{Clock: clk, Yield: giveWay})
	registerPrune(app, store, clk)
	open311.Register(app, open311.Config{Requests: domain, Town: store, Bundle: bundle})
	outbox.RouteAllMail(app)
	mail := mailin.Register(app, &mailin.Intake{App: app, Requests: domain, Bundle: bundle, Town: store}, cfg.SMTP)
	clerkMail := &notify.ClerkMail{Bundle: bundle, Town: store}
	notify.RegisterClerkMail(app, clerkMail)
	digests := &notify.Digests{Bundle: bundle, Town: store, Clock: clk, Clerk: clerkMail, Yield: giveWay}
	alerts := &notify.Alerts{Bundle: bundle, Town: store, Clock: clk}
	texts := &sms.Channel{Requests: domain, Bundle: bundle, Town: store}
	sms.Register(app, texts)
	notify.RegisterAlerts(app, alerts)
	notify.RegisterSchedule(app, digests, alerts)
	// The clerk approves volunteers' changes in the admin UI.
	kb.RegisterApproval(app, func() time.Time { return clk.Now().In(store.Get().Location) })
	kb.Register(app, clk)
	if _, err := web.Register(app, web.Config{
		Bundle: bundle, Town: store, Requests: domain, Booking: bookings, Payments: pay,
		APIs: []string{open311.Prefix}, Static: cfg.Public, Order: Sections, Clock: clk,
		Open311: web.APIDoc{BaseURL: open311.BaseURL, Jurisdiction: open311.Jurisdiction, Rate: open311.DefaultRate},
	}); err != nil {
		return nil, fmt.Errorf("set up the site: %w", err)
	}
	// Services are indexed once per offered language: when the town's
	// languages change, the index follows.
	reindex := func(app core.App, r *core.Record) error {
		t, _ := town.FromRecord(r, bundle.Has)
		return requests.ReindexServices(app, t.Languages, t.DefaultLanguage)
	}
	app.OnRecordAfterCreateSuccess("town").BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return reindex(e.App, e.Record)
	})
	app.OnRecordUpdate("town").BindFunc(func(e *core.RecordEvent) error {
		old := e.Record.Original()
		changed := old.GetString("languages") != e.Record.GetString("languages") ||
			old.GetString("default_language") != e.Record.GetString("default_language")
		if err := e.Next(); err != nil || !changed {
			return err
		}
		return reindex(e.App, e.Record)
	})
	app.OnBootstrap().BindFunc(func(e *core.BootstrapEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		store.Reload()
		return nil
	})
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		if cfg.Demo {
			if _, err := SeedDemo(se.App, cfg.Content, domain, os.Stdout); err != nil {
				return err
			}
		}
		store.Reload()
		// A database indexed before the search vocabulary existed gets it now.
		if err := search.FillWords(se.App.DB()); err != nil {
			return err
		}
		if err := se.Next(); err != nil {
			return err
		}
		// Start-up (migrations, the demo town, the content import, parsing
		// templates) leaves garbage the size of the live heap; hand it back
		// now rather than keep it for the life of a small server.
		debug.FreeOSMemory()
		return nil
	})
	if cfg.Root != nil {
		cfg.Root.AddCommand(contentCommand(app))
	}
	return &Townhall{Clock: clk, Bundle: bundle, Town: store, Requests: domain, Outbox: worker, Mail: mail, Digests: digests,
		Alerts: alerts, Payments: pay, SMS: texts}, nil
}
