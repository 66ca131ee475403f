package notify_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// A digest that came due while Townhall was down goes out when it starts,
// at the time set on the town record, in the town's time zone.
func TestMissedDigestSentOnStart(t *testing.T) {
	t.Parallel()
	app, th := demoTown(t)
	eve := account{email: "eve@example.org", lang: "en", digest: "daily"}.create(t, app)
	reserve(t, app, eve.Id, time.Now().Add(24*time.Hour))
	due := time.Now().In(th.Town.Get().Location).Add(-2 * time.Minute)
	townRec, err := app.FindFirstRecordByFilter("town", "")
	if err != nil {
		t.Fatal(err)
	}
	townRec.Set("digest_daily", fmt.Sprintf("%d %d * * *", due.Minute(), due.Hour()))
	townRec.Set("digest_weekly", "0 0 1 1 *")
	if err := app.Save(townRec); err != nil {
		t.Fatal(err)
	}
	s := notify.RegisterSchedule(app, th.Digests, th.Alerts)
	s.Start()
	defer s.Stop()
	schematest.Eventually(t, "eve's digest", func() bool { return len(digestsTo(t, app, "eve@example.org")) > 0 })
	got := digestsTo(t, app, "eve@example.org")
	if len(got) != 1 {
		t.Fatalf("%d digests after start, want 1", len(got))
	}
	want := notify.PeriodEnding(notify.Daily, due, th.Town.Get().Location).Key
	if key := got[0].GetString("dedupe_key"); !strings.HasPrefix(key, "digest:"+want+":") {
		t.Errorf("dedupe key %s, want the period %s", key, want)
	}
}
