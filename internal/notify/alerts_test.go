package notify_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// publish saves a published notice.
func publish(t testing.TB, app core.App, severity string, starts time.Time) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId("notices")
	if err != nil {
		t.Fatal(err)
	}
	n := core.NewRecord(col)
	n.Load(map[string]any{"title": "Water main break on Elm Street", "body": "Water is **off** on Elm Street until 6 p.m.\n\nBring a container to the fire station for drinking water.",
		"severity": severity, "published": true, "translations": map[string]any{"es": map[string]string{
			"title": "Rotura de tubería en la calle Elm", "body": "No hay agua en la calle Elm hasta las 18:00.\n\nTraiga un recipiente al cuartel de bomberos."}}})
	if !starts.IsZero() {
		n.Set("starts", starts)
	}
	if err := app.Save(n); err != nil {
		t.Fatal(err)
	}
	return n
}

// alertsTo are the alerts about notice n to email.
func alertsTo(t testing.TB, app core.App, n *core.Record, email string) []*core.Record {
	t.Helper()
	return outboxWhere(t, app, "to = {:to} && kind = 'alert' && dedupe_key ~ {:n}", dbx.Params{"to": email, "n": n.Id})
}

// Publishing a critical notice queues, within moments, one email to every
// verified resident who wants alerts, in their language, with a one-click
// unsubscribe; an info notice or a later save sends nothing more.
func TestCriticalNoticeAlerts(t *testing.T) {
	t.Parallel()
	app, th := newTown(t)
	// Digest times that never come due, so only the alert loop runs here.
	digestTimes(t, app, "0 0 1 1 *", "0 0 1 1 *")
	account{email: "eve@example.org", lang: "en", alerts: true}.create(t, app)
	account{email: "ines@example.org", lang: "es", alerts: true}.create(t, app)
	account{email: "quiet@example.org", lang: "en"}.create(t, app)
	account{email: "fake@example.org", lang: "en", alerts: true, unverified: true}.create(t, app)
	s := notify.RegisterSchedule(app, th.Digests, th.Alerts)
	s.Start()
	t.Cleanup(s.Stop)

	publish(t, app, "info", time.Time{})
	n := publish(t, app, "critical", time.Time{})
	schematest.Eventually(t, "ines's alert", func() bool { return len(alertsTo(t, app, n, "ines@example.org")) > 0 })
	en, es := alertsTo(t, app, n, "eve@example.org"), alertsTo(t, app, n, "ines@example.org")
	if len(en) != 1 || len(es) != 1 {
		t.Fatalf("%d English and %d Spanish alerts, want one each", len(en), len(es))
	}
	if s := en[0].GetString("subject"); s != "Alert from Testville: Water main break on Elm Street" ||
		!strings.Contains(en[0].GetString("text"), "Water is off on Elm Street until 6 p.m.") {
		t.Errorf("English alert %q:\n%s", s, en[0].GetString("text"))
	}
	if s := es[0].GetString("subject"); s != "Aviso de Testville: Rotura de tubería en la calle Elm" ||
		!strings.Contains(es[0].GetString("text"), "Traiga un recipiente") || !strings.Contains(es[0].GetString("headers"), "/es/unsubscribe?") ||
		!strings.Contains(es[0].GetString("headers"), "s=alerts") {
		t.Errorf("Spanish alert %q (%s):\n%s", s, es[0].GetString("headers"), es[0].GetString("text"))
	}
	// Nobody else gets any.
	if total := count(t, app, "outbox", dbx.HashExp{"kind": "alert"}, dbx.Like("dedupe_key", n.Id)); total != 2 {
		t.Errorf("%d alerts in all, want 2", total)
	}

	n.Set("title", "Water main break on Elm Street (update)")
	if err := app.Save(n); err != nil {
		t.Fatal(err)
	}
	if err := th.Alerts.Due(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	if total := count(t, app, "outbox", dbx.HashExp{"kind": "alert"}, dbx.Like("dedupe_key", n.Id)); total != 2 {
		t.Errorf("an edit sent the alert again (%d alerts)", total)
	}
}

// A critical notice set to start later is sent when its time comes.
func TestScheduledCriticalNotice(t *testing.T) {
	t.Parallel()
	app, th := newTown(t)
	account{email: "eve@example.org", lang: "en", alerts: true}.create(t, app)
	n := publish(t, app, "critical", time.Now().Add(time.Hour))
	if err := th.Alerts.Due(app, time.Now()); err != nil {
		t.Fatal(err)
	}
	if n := len(alertsTo(t, app, n, "eve@example.org")); n != 0 {
		t.Fatalf("an alert went out an hour early")
	}
	if err := th.Alerts.Due(app, time.Now().Add(61*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n := len(alertsTo(t, app, n, "eve@example.org")); n != 1 {
		t.Fatalf("%d alerts once the notice started, want 1", n)
	}
}
