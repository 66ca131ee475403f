package outbox

import (
	"fmt"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/schema/schematest"
)

const sender = "ayuntamiento@villa.example"

// migrated is a data directory with every migration applied, made once in
// TestMain: NewTestApp clones it for each test, which under -race is seconds
// faster than migrating a new database every time.
var migrated string

func TestMain(m *testing.M) { schematest.Main(m, "notify", &migrated) }

// newApp is a fresh Townhall database. With srv, SMTP points at it;
// without, SMTP stays off as on a new install.
func newApp(t testing.TB, srv *smtpd) *tests.TestApp {
	t.Helper()
	app, err := tests.NewTestApp(migrated)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	// The TestApp hands every email to its TestMailer (tests/app.go binds
	// OnMailerSend); these tests want PocketBase's real SMTP client.
	app.OnMailerSend().UnbindAll()
	app.Settings().Meta.SenderAddress = sender
	app.Settings().Meta.SenderName = "Villa Town Hall"
	if srv != nil {
		setSMTP(t, app, srv)
	} else if err := app.Save(app.Settings()); err != nil {
		t.Fatal(err)
	}
	return app
}

// setSMTP turns SMTP on and points it at srv, as the clerk would in Settings.
func setSMTP(t testing.TB, app core.App, srv *smtpd) {
	t.Helper()
	app.Settings().SMTP = core.SMTPConfig{Enabled: true, Host: "127.0.0.1", Port: srv.port}
	if err := app.Save(app.Settings()); err != nil {
		t.Fatal(err)
	}
}

// newClock is a fake clock at the current millisecond, for Options.Clock.
func newClock() *clock.Fake { return clock.NewFake(time.Now().UTC().Truncate(time.Millisecond)) }

// msg is a valid message with the given dedupe key.
func msg(key string) Message {
	return Message{
		To: "vecino@example.org", ToName: "Vecino", Subject: "Request " + key,
		Text: "Your request " + key + " was received.", HTML: "<p>Your request " + key + " was received.</p>",
		DedupeKey: key, Kind: "request_received", Language: "en",
	}
}

// queueN queues n messages with keys prefix-0 … prefix-(n-1).
func queueN(t testing.TB, app core.App, prefix string, n int) {
	t.Helper()
	for i := range n {
		queue(t, app, fmt.Sprintf("%s-%d", prefix, i))
	}
}

// queue queues msg(key).
func queue(t testing.TB, app core.App, key string) {
	t.Helper()
	if ok, err := Queue(app, msg(key)); err != nil || !ok {
		t.Fatalf("queue %s: ok=%v err=%v", key, ok, err)
	}
}

// backdate makes the record with dedupe key key d older, so the order of
// a pass does not hang on two records' milliseconds.
func backdate(t testing.TB, app core.App, key string, d time.Duration) {
	t.Helper()
	r := outbox(t, app, key)
	_, err := app.DB().NewQuery("UPDATE {{" + Collection + "}} SET [[created]] = {:c} WHERE [[id]] = {:id}").
		Bind(dbx.Params{"c": dbTime(r.GetDateTime("created").Time().Add(-d)), "id": r.Id}).Execute()
	if err != nil {
		t.Fatalf("backdate %s: %v", key, err)
	}
}

// outbox returns the outbox record with dedupe key key.
func outbox(t testing.TB, app core.App, key string) *core.Record {
	t.Helper()
	r, err := app.FindFirstRecordByData(Collection, "dedupe_key", key)
	if err != nil {
		t.Fatalf("outbox record %q: %v", key, err)
	}
	return r
}

// count is the number of outbox records.
func count(t testing.TB, app core.App) int {
	t.Helper()
	return schematest.Count(t, app, Collection)
}

// runOnce is RunOnce that expects no error and the given number sent.
func runOnce(t testing.TB, w *Worker, want int) {
	t.Helper()
	if got, err := w.RunOnce(); err != nil || got != want {
		t.Fatalf("RunOnce = %d, %v; want %d, nil", got, err, want)
	}
}

// eventually waits for cond, for tests with the loop running.
var eventually = schematest.Eventually
