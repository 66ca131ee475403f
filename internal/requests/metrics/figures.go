package metrics

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// Count is how many requests share a key (a service, department or
// channel id).
type Count struct {
	Key string
	N   int
}

// Week is how many requests of the period came in the week starting Start
// (a Monday in the town's zone).
type Week struct {
	Start time.Time
	N     int
}

// BacklogBands name the backlog's ages: 0–7, 8–30, 31–90 and over 90 days.
var BacklogBands = []string{"0-7", "8-30", "31-90", "over-90"}

// Report is the desk's figures for a period and scope. Received,
// ByService, ByDepartment, ByChan, ByWeek, reopening and satisfaction are
// about the requests filed in the period; Closed, the days to close and
// OnTime about those closed in it; Backlog about those open now.
type Report struct {
	Period                          Period
	Received                        int
	ByService, ByDepartment, ByChan []Count
	ByWeek                          []Week
	Closed                          int
	Days                            Spread // days to close, on the town's clocks
	OnTime                          int    // closed by the due date (the service's response days, in business days)
	Backlog                         [4]int
	Reopened                        int // of the received, reopened at least once
	EverClosed                      int // of the received, closed at least once (the reopen rate's base)
	Yes, No                         int // "is it fixed?" answers of the received
}

// Spread is the median and 90th percentile of some days; N is how many.
type Spread struct {
	N           int
	Median, P90 float64
}

// Share is part of whole as a fraction; ok is false when whole is 0.
func Share(part, whole int) (float64, bool) {
	if whole == 0 {
		return 0, false
	}
	return float64(part) / float64(whole), true
}

// Compute makes the report of p from what was filed (totals, counts by
// service, department and channel, weekly counts), closed and is open.
func Compute(p Period, t Totals, svc, dept, ch map[string]int, weeks []Week, closed Closed, backlog [4]int) Report {
	rep := Report{Period: p, ByWeek: weeks, Backlog: backlog, Closed: closed.N, OnTime: closed.OnTime, Days: closed.Days,
		Received: t.N, Reopened: t.Reopened, EverClosed: t.EverClosed, Yes: t.Yes, No: t.No}
	rep.ByService, rep.ByDepartment, rep.ByChan = counts(svc), counts(dept), counts(ch)
	return rep
}

// WeekBounds split p at each Monday in loc: p.From, the Mondays inside p,
// then p.To, as bounds for Buckets (the first and last weeks are cut to p).
func WeekBounds(p Period, loc *time.Location) []time.Time {
	out := []time.Time{p.From}
	for w := weekStart(p.From, loc).AddDate(0, 0, 7); w.Before(p.To); w = w.AddDate(0, 0, 7) {
		out = append(out, w)
	}
	return append(out, p.To)
}

// counts sorts a tally, largest first, then by key.
func counts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	slices.SortFunc(out, func(a, b Count) int {
		if a.N != b.N {
			return b.N - a.N
		}
		return cmp.Compare(a.Key, b.Key)
	})
	return out
}

// spread is the median (the middle value, or the mean of the two middle
// ones) and the 90th percentile (nearest rank: the ⌈0.9·n⌉-th smallest).
func spread(days []float64) Spread {
	n := len(days)
	if n == 0 {
		return Spread{}
	}
	slices.Sort(days)
	med := days[n/2]
	if n%2 == 0 {
		med = (days[n/2-1] + days[n/2]) / 2
	}
	rank := int(math.Ceil(0.9*float64(n))) - 1
	return Spread{N: n, Median: med, P90: days[rank]}
}

// Keys are what the counts are by: every service, channel and department
// id (the departments in the scope).
type Keys struct {
	Services, Channels, Departments []string
}

// Load reads and computes the report for p and s at now, in loc. The reads
// run one after the other on purpose: run at once, each takes its own
// connection of the pool with its own cold page cache, and the page cost
// twice the CPU (measured with BenchmarkFiguresYear).
func Load(app core.App, loc *time.Location, p Period, s Scope, keys Keys, now time.Time) (Report, error) {
	whole := []time.Time{p.From, p.To}
	depts := keys.Departments
	if s.Department != "" {
		depts = []string{s.Department}
	}
	if s.Departments != nil {
		depts = slices.DeleteFunc(slices.Clone(depts), func(d string) bool { return !slices.Contains(s.Departments, d) })
	}
	starts := WeekBounds(p, loc)
	var (
		totals              Totals
		svc, ch, dept, week []map[string]int
		closed              Closed
		backlog             [4]int
	)
	err := all(
		func() (err error) { totals, err = LoadTotals(app, p, s); return },
		func() (err error) { svc, err = Counts(app, ByService, keys.Services, whole, s); return },
		func() (err error) { ch, err = Counts(app, ByChannel, keys.Channels, whole, s); return },
		func() (err error) { dept, err = Counts(app, ByDepartment, depts, whole, s); return },
		func() (err error) { week, err = Counts(app, "", nil, starts, s); return },
		func() (err error) { closed, err = LoadClosed(app, p, s); return },
		func() (err error) { backlog, err = Backlog(app, s, now, loc); return },
	)
	if err != nil {
		return Report{}, err
	}
	weeks := make([]Week, len(week))
	for i, m := range week {
		weeks[i] = Week{weekStart(starts[i], loc), m[""]}
	}
	return Compute(p, totals, svc[0], dept[0], ch[0], weeks, closed, backlog), nil
}

// all runs the reads in turn and returns the first error.
func all(reads ...func() error) error {
	for _, read := range reads {
		if err := read(); err != nil {
			return err
		}
	}
	return nil
}

// LoadKeys reads every service and department id, and the channels.
func LoadKeys(app core.App, channels []string) (Keys, error) {
	k := Keys{Channels: channels}
	for col, dst := range map[string]*[]string{"services": &k.Services, "departments": &k.Departments} {
		if err := app.DB().NewQuery("SELECT id FROM " + col + " ORDER BY id").Column(dst); err != nil {
			return k, fmt.Errorf("keys of the figures: %w", err)
		}
	}
	return k, nil
}
