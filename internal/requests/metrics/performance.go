package metrics

import (
	"slices"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// PerfMonths is how many months the public performance table shows: this
// month and the twelve before it.
const PerfMonths = 13

// MonthFigures are one month's public figures for a service or the town:
// requests received and closed in the month, the median days to close of
// those closed, and how many of them were closed on time.
type MonthFigures struct {
	Received, Closed, OnTime int
	Median                   float64
}

// Performance is the public table: per month (oldest first), the town's
// figures and each service's (by service id). It holds counts only.
type Performance struct {
	Months   []time.Time
	Overall  []MonthFigures
	Services map[string][]MonthFigures
}

// LoadPerformance reads this month and the twelve before it around now.
func LoadPerformance(app core.App, loc *time.Location, services []string, now time.Time) (Performance, error) {
	months := Months(now, loc, PerfMonths)
	bounds := append(slices.Clone(months), months[len(months)-1].AddDate(0, 1, 0))
	received, err := Counts(app, ByService, services, bounds, Scope{})
	if err != nil {
		return Performance{}, err
	}
	closed, err := Closures(app, Period{bounds[0], bounds[len(bounds)-1]}, Scope{})
	if err != nil {
		return Performance{}, err
	}
	return ComputePerformance(months, received, closed, loc), nil
}

// ComputePerformance tallies the month's counts by service and the
// closures into months (the first instants of consecutive months in loc).
func ComputePerformance(months []time.Time, received []map[string]int, closed []Closure, loc *time.Location) Performance {
	perf := Performance{Months: months, Overall: make([]MonthFigures, len(months)), Services: map[string][]MonthFigures{}}
	row := func(svc string) []MonthFigures {
		if perf.Services[svc] == nil {
			perf.Services[svc] = make([]MonthFigures, len(months))
		}
		return perf.Services[svc]
	}
	for i, m := range received {
		for svc, n := range m {
			perf.Overall[i].Received += n
			row(svc)[i].Received += n
		}
	}
	days := map[string][][]float64{"": make([][]float64, len(months))}
	for _, c := range closed {
		i := monthIndex(months, c.Closed, loc)
		if i < 0 {
			continue
		}
		if days[c.Service] == nil {
			days[c.Service] = make([][]float64, len(months))
		}
		d := c.Days
		for _, f := range []*MonthFigures{&perf.Overall[i], &row(c.Service)[i]} {
			f.Closed++
			if c.OnTime {
				f.OnTime++
			}
		}
		days[""][i] = append(days[""][i], d)
		days[c.Service][i] = append(days[c.Service][i], d)
	}
	for key, byMonth := range days {
		for i, dd := range byMonth {
			if key == "" {
				perf.Overall[i].Median = spread(dd).Median
			} else {
				perf.Services[key][i].Median = spread(dd).Median
			}
		}
	}
	return perf
}

// monthIndex is the index in months of the month holding t; -1 if none.
func monthIndex(months []time.Time, t time.Time, loc *time.Location) int {
	m := MonthOf(t, loc).From
	for i, s := range months {
		if s.Equal(m) {
			return i
		}
	}
	return -1
}
