package notify

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/markdown"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/town"
)

// Alerts emails critical notices, at once, to every resident who asked for
// alerts, each in their own language. The sending runs in the scheduler's
// background loop (see Scheduler), so the clerk's save never waits for
// thousands of emails, and only a serving Townhall sends alerts.
type Alerts struct {
	Bundle *i18n.Bundle
	Town   *town.Store
	Clock  clock.Clock // "now" for which notices show; nil is clock.Real

	mu   sync.Mutex // one notice at a time
	once sync.Once
	wake chan struct{}
}

// RegisterAlerts wakes the alert loop whenever a notice is saved, so a
// critical notice's alert is queued within moments of publishing.
func RegisterAlerts(app core.App, a *Alerts) {
	saved := func(e *core.RecordEvent) error {
		err := e.Next()
		if err == nil && showingCritical(e.Record, clock.Or(a.Clock).Now()) {
			a.Wake()
		}
		return err
	}
	app.OnRecordAfterCreateSuccess("notices").BindFunc(saved)
	app.OnRecordAfterUpdateSuccess("notices").BindFunc(saved)
}

// Wake asks the loop to look for due alerts now.
func (a *Alerts) Wake() {
	select {
	case a.wakeup() <- struct{}{}:
	default:
	}
}

func (a *Alerts) wakeup() chan struct{} {
	a.once.Do(func() { a.wake = make(chan struct{}, 1) })
	return a.wake
}

func showingCritical(n *core.Record, now time.Time) bool {
	starts, ends := n.GetDateTime("starts"), n.GetDateTime("ends")
	return n.GetBool("published") && n.GetString("severity") == "critical" &&
		(starts.IsZero() || !starts.Time().After(now)) && (ends.IsZero() || ends.Time().After(now))
}

// marker is the digest_runs row that says a notice's alert went to everyone.
func marker(noticeID string) string { return "alert:" + noticeID }

// Send queues the alert for a notice to every account with alerts on that
// proved its address (or that the clerk made staff), once each (the dedupe key is per notice and person), and reports how
// many were queued.
func (a *Alerts) Send(app core.App, noticeID string) (int, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	n, err := app.FindRecordById("notices", noticeID)
	if err != nil {
		return 0, fmt.Errorf("find notice: %w", err)
	}
	var people []person
	err = app.DB().NewQuery(`SELECT id, email, name, language FROM users
		WHERE alerts = TRUE AND (verified = TRUE OR role = 'staff') AND email != '' ORDER BY id`).All(&people)
	if err != nil {
		return 0, fmt.Errorf("list alert recipients: %w", err)
	}
	queued := 0
	for start := 0; start < len(people); start += 200 {
		err := app.RunInTransaction(func(tx core.App) error {
			for _, who := range people[start:min(start+200, len(people))] {
				msg, err := a.message(tx, n, who)
				if err != nil {
					return err
				}
				if err := msg.Validate(); err != nil {
					tx.Logger().Warn("alerts: not sent", "notice", n.Id, "user", who.ID, "error", err.Error())
					continue
				}
				ok, err := outbox.Queue(tx, *msg)
				if err != nil {
					return err
				}
				if ok {
					queued++
				}
			}
			return nil
		})
		if err != nil {
			return queued, fmt.Errorf("queue alerts: %w", err)
		}
	}
	texted, err := a.textAlerts(app, n) // text_alerts.go
	if err != nil {
		return queued, fmt.Errorf("queue text alerts: %w", err)
	}
	return queued + texted, a.mark(app, noticeID)
}

func (a *Alerts) mark(app core.App, noticeID string) error {
	if n, err := app.CountRecords("digest_runs", dbx.HashExp{"period": marker(noticeID)}); err != nil || n > 0 {
		return err
	}
	col, err := app.FindCachedCollectionByNameOrId("digest_runs")
	if err != nil {
		return err
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"period": marker(noticeID), "kind": "alert", "sent": true})
	return app.Save(r)
}

func (a *Alerts) message(app core.App, n *core.Record, who person) (*outbox.Message, error) {
	t := a.Town.Get()
	lang := who.Language
	if !t.Offers(lang) {
		lang = t.DefaultLanguage
	}
	title, _ := i18n.Text(n, "title", lang, t.DefaultLanguage)
	body, _ := i18n.Text(n, "body", lang, t.DefaultLanguage)
	var paragraphs []string
	for _, p := range strings.Split(markdown.PlainText(body), "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			paragraphs = append(paragraphs, p)
		}
	}
	name := t.NameIn(lang)
	b := Letter{Greeting: title, Paragraphs: paragraphs,
		Action: &Link{Label: a.Bundle.T(lang, "digest.alert.action", nil), URL: town.AbsURL(app, "/"+lang+"/notices")}}
	subject := a.Bundle.T(lang, "digest.alert.subject", map[string]any{"Town": name}) + ": " + title
	return renderUnsubscribable(app, a.Bundle, t, who, lang, subject, b, "digest.alert.footer",
		a.Bundle.T(lang, "digest.alert.unsubscribe", nil), ScopeAlerts, "alert:"+n.Id+":"+who.ID, "alert")
}

// Due sends the alerts of critical notices that are showing now but were
// never sent to everyone: one just published, one whose start time has
// come, or a send cut short by a restart. Notices that neither started nor
// changed in the last day are left alone.
func (a *Alerts) Due(app core.App, now time.Time) error {
	recs, err := app.FindRecordsByFilter("notices",
		`published = true && severity = "critical" && (starts = "" || starts <= {:now}) && (ends = "" || ends > {:now}) && (starts > {:since} || updated > {:since})`,
		"created", 0, 0, dbx.Params{"now": dbTime(now), "since": dbTime(now.Add(-24 * time.Hour))})
	if err != nil {
		return fmt.Errorf("find due alerts: %w", err)
	}
	for _, n := range recs {
		if done, err := app.CountRecords("digest_runs", dbx.HashExp{"period": marker(n.Id)}); err != nil || done > 0 {
			continue
		}
		if _, err := a.Send(app, n.Id); err != nil {
			app.Logger().Error("alerts: queue critical alert", "notice", n.Id, "error", err)
		}
	}
	return nil
}

// loop checks for due alerts when woken and every minute, until ctx ends.
func (a *Alerts) loop(ctx context.Context, app core.App) {
	tick := time.NewTicker(time.Minute)
	defer tick.Stop()
	for {
		if err := a.Due(app, clock.Or(a.Clock).Now()); err != nil {
			app.Logger().Error("alerts: check for due alerts", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-a.wakeup():
		}
	}
}
