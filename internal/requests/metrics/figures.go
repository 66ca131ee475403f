package metrics

import (
	"cmp"
	"math"
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// Count is how many requests share a key (a service, department or
// channel id).
type Count struct {
	Key string
	N   int
}

// Week is how many requests came in the week starting Start (a Monday in
// the town's zone).
type Week struct {
	Start time.Time
	N     int
}

// Backlog bands: open requests aged 0–7, 8–30, 31–90 and over 90 days.
var BacklogBands = []string{"0-7", "8-30", "31-90", "90+"}

// Report is the desk's figures for a period and scope. Received,
// ByService, ByDepartment, ByChannel, ByWeek, reopening and satisfaction
// are about the requests filed in the period; Closed, the days to close and
// OnTime about those closed in it; Backlog about those open now.
type Report struct {
	Period                          Period
	Received                        int
	ByService, ByDepartment, ByChan []Count
	ByWeek                          []Week
	Closed                          int
	Days                            Spread // days to close, on the town's clocks
	OnTime                          int    // closed by the service's response days (business days)
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

// Deadlines gives a request's due instant from its service's response days
// and the town's business days (requests.DueDate), remembered per day and
// service, since many requests share both.
type Deadlines struct {
	town *town.Town
	days map[string]int // response days by service id
	memo map[deadlineKey]time.Time
}

type deadlineKey struct {
	day  time.Time
	days int
}

// NewDeadlines reads every service's response days.
func NewDeadlines(app core.App, t *town.Town) (*Deadlines, error) {
	recs, err := app.FindAllRecords("services")
	if err != nil {
		return nil, err
	}
	d := &Deadlines{town: t, days: map[string]int{}, memo: map[deadlineKey]time.Time{}}
	for _, r := range recs {
		d.days[r.Id] = r.GetInt("response_days")
	}
	return d, nil
}

// Due is when a request for service filed at created was due.
func (d *Deadlines) Due(service string, created time.Time) time.Time {
	k := deadlineKey{midnight(created, d.town.Location), d.days[service]}
	due, ok := d.memo[k]
	if !ok {
		due = requests.DueDate(d.town, k.day, k.days)
		d.memo[k] = due
	}
	return due
}

// OnTime reports whether r was closed by its deadline.
func (d *Deadlines) OnTime(r Row) bool {
	return !r.Closed.IsZero() && !r.Closed.After(d.Due(r.Service, r.Created))
}

// Compute makes the report from the rows: received and closed in p, and
// open at now.
func Compute(p Period, received, closed, open []Row, d *Deadlines, now time.Time) Report {
	loc := d.town.Location
	rep := Report{Period: p, Received: len(received), Closed: len(closed)}
	svc, dept, ch := map[string]int{}, map[string]int{}, map[string]int{}
	weeks := map[time.Time]int{}
	for _, r := range received {
		svc[r.Service]++
		dept[r.Department]++
		ch[r.Channel]++
		weeks[weekStart(r.Created, loc)]++
		if r.Reopens > 0 {
			rep.Reopened++
		}
		if r.Reopens > 0 || !r.Closed.IsZero() {
			rep.EverClosed++
		}
		switch r.Satisfaction {
		case "yes":
			rep.Yes++
		case "no":
			rep.No++
		}
	}
	rep.ByService, rep.ByDepartment, rep.ByChan = counts(svc), counts(dept), counts(ch)
	for w := weekStart(p.From, loc); w.Before(p.To); w = w.AddDate(0, 0, 7) {
		rep.ByWeek = append(rep.ByWeek, Week{w, weeks[w]})
	}
	days := make([]float64, 0, len(closed))
	for _, r := range closed {
		days = append(days, wallDays(r.Created, r.Closed, loc))
		if d.OnTime(r) {
			rep.OnTime++
		}
	}
	rep.Days = spread(days)
	for _, r := range open {
		rep.Backlog[band(ageDays(r.Created, now, loc))]++
	}
	return rep
}

// band is the backlog band of an age in days.
func band(age int) int {
	switch {
	case age <= 7:
		return 0
	case age <= 30:
		return 1
	case age <= 90:
		return 2
	}
	return 3
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

// Load reads the rows and computes the report for p and s at now.
func Load(app core.App, t *town.Town, p Period, s Scope, now time.Time) (Report, error) {
	d, err := NewDeadlines(app, t)
	if err != nil {
		return Report{}, err
	}
	received, err := Received(app, p, s)
	if err != nil {
		return Report{}, err
	}
	closed, err := ClosedIn(app, p, s)
	if err != nil {
		return Report{}, err
	}
	open, err := Open(app, s)
	if err != nil {
		return Report{}, err
	}
	return Compute(p, received, closed, open, d, now), nil
}
