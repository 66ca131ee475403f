package notify

import (
	"testing"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/townhall/townhall/internal/schema/schematest"
)

func TestPeriods(t *testing.T) {
	t.Parallel()
	ny := schematest.Location(t, "America/New_York")
	at := func(s string) time.Time { return schematest.At(t, ny, s) }
	cases := []struct {
		kind  string
		end   time.Time
		key   string
		start time.Time
	}{
		{Daily, at("2026-11-23 07:00"), "daily:2026-11-23", at("2026-11-22 07:00")},
		{Daily, at("2026-11-02 07:00"), "daily:2026-11-02", at("2026-11-01 07:00")}, // across the end of daylight time: 25 hours
		{Weekly, at("2026-11-23 07:00"), "weekly:2026-W48", at("2026-11-16 07:00")},
		{Weekly, at("2027-01-04 07:00"), "weekly:2027-W01", at("2026-12-28 07:00")},
		{Daily, at("2026-11-23 07:00").UTC().Add(30 * time.Second), "daily:2026-11-23", at("2026-11-22 07:00")}, // a late tick, in UTC
	}
	for _, c := range cases {
		p := PeriodEnding(c.kind, c.end, ny)
		if p.Key != c.key || !p.Start.Equal(c.start) || !p.End.Equal(c.end.Truncate(time.Minute)) {
			t.Errorf("%s ending %v: %s from %v to %v; want %s from %v", c.kind, c.end, p.Key, p.Start, p.End, c.key, c.start)
		}
	}
}

// previous finds the time a schedule last came due, in the town's zone.
func TestPreviousRun(t *testing.T) {
	t.Parallel()
	ny := schematest.Location(t, "America/New_York")
	at := func(s string) time.Time { return schematest.At(t, ny, s) }
	daily, err := cron.ParseStandard(DefaultDaily)
	if err != nil {
		t.Fatal(err)
	}
	weekly, err := cron.ParseStandard(DefaultWeekly)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		sched    cron.Schedule
		now      time.Time
		lookback time.Duration
		want     time.Time
	}{
		{daily, at("2026-11-23 06:59"), lookback(Daily), at("2026-11-22 07:00")},
		{daily, at("2026-11-23 07:00"), lookback(Daily), at("2026-11-23 07:00")},
		{weekly, at("2026-11-25 10:00"), lookback(Weekly), at("2026-11-23 07:00")},
		{weekly, at("2026-11-23 06:00"), lookback(Weekly), at("2026-11-16 07:00")},
	}
	for _, c := range cases {
		if got := previous(c.sched, c.now, c.lookback); !got.Equal(c.want) {
			t.Errorf("previous before %v = %v, want %v", c.now, got, c.want)
		}
	}
}
