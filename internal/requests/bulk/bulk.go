// Package bulk stores many requests fast, for benchmarks and the storm-day
// script (scripts/genrequests): raw SQL in one transaction, no hooks, no
// emails. The requests look like a town's history: one every 15 minutes up
// to now, nine in ten public, the recent ones still open, each with a status
// update on its timeline; the per-year number counters are moved past them,
// so requests filed afterwards are numbered as usual.
package bulk

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Step is the time between two generated requests: about 100 a day, a
// 50,000-resident town's rate.
const Step = 15 * time.Minute

// openShare: the newest requests, one in this many of all, are still open,
// up to maxOpen: a town's backlog is what its staff have not closed yet,
// a few weeks of requests, however many years it has stored.
const (
	openShare = 50
	maxOpen   = 300
)

// service is what a request copies from its service.
type service struct {
	ID         string `db:"id"`
	Department string `db:"department"`
}

// Requests stores n requests, the last filed at end, and returns the
// number of the newest. It needs the town's services (the demo seed or
// the clerk's).
func Requests(app core.App, n int, end time.Time) (string, error) {
	return RequestsOpen(app, n, min(n/openShare+1, maxOpen), end)
}

// RequestsOpen is Requests with the newest open of them still open (all
// of them when open >= n): a benchmark that compares a town's costs at
// several sizes gives each the same backlog, so that only the history
// differs.
func RequestsOpen(app core.App, n, open int, end time.Time) (string, error) {
	var svcs []service
	if err := app.DB().Select("id", "department").From("services").All(&svcs); err != nil || len(svcs) == 0 {
		return "", fmt.Errorf("bulk requests need services (%d found): %v", len(svcs), err)
	}
	var last string
	err := app.RunInTransaction(func(tx core.App) error {
		var err error
		last, err = insert(tx, svcs, n, open, end)
		return err
	})
	return last, err
}

func insert(tx core.App, svcs []service, n, open int, end time.Time) (string, error) {
	req := tx.DB().NewQuery(`INSERT INTO requests (id, number, service, status, description, address, channel, public,
		department, language, due, closed_at, created, updated)
		VALUES ({:id}, {:number}, {:service}, {:status}, 'A hole in the road, about a foot across', {:address}, 'web', {:public},
		{:dept}, 'en', {:due}, {:closed}, {:created}, {:created})`).Prepare()
	defer req.Close()
	upd := tx.DB().NewQuery(`INSERT INTO request_updates (id, request, kind, status, body, author_name, created, updated)
		VALUES ({:id}, {:request}, 'status', {:status}, 'On our list for this week.', 'Public Works', {:created}, {:created})`).Prepare()
	defer upd.Close()
	counters, err := yearCounters(tx)
	if err != nil {
		return "", err
	}
	rng := rand.New(rand.NewPCG(uint64(n), uint64(end.Unix())))
	prefix := fmt.Sprintf("b%04x", rng.IntN(1<<16))
	var number string
	for i := range n {
		created := end.Add(-time.Duration(n-1-i) * Step).UTC()
		counters[created.Year()]++
		number = fmt.Sprintf("%d-%04d", created.Year(), counters[created.Year()])
		status, closed := "resolved", stamp(created.Add(72*time.Hour))
		if n-i <= open {
			status, closed = []string{"new", "in_progress", "waiting"}[rng.IntN(3)], ""
		}
		s := svcs[rng.IntN(len(svcs))]
		id := fmt.Sprintf("%s%010d", prefix, i)
		_, err := req.Bind(dbx.Params{"id": id, "number": number, "service": s.ID, "status": status,
			"address": fmt.Sprintf("%d Mill Street", 1+rng.IntN(2000)), "public": i%10 != 0, "dept": s.Department,
			"due": stamp(created.Add(5 * 24 * time.Hour)), "closed": closed, "created": stamp(created)}).Execute()
		if err != nil {
			return "", fmt.Errorf("bulk request %d: %w", i, err)
		}
		_, err = upd.Bind(dbx.Params{"id": fmt.Sprintf("%su%09d", prefix, i), "request": id, "status": "in_progress",
			"created": stamp(created.Add(time.Hour))}).Execute()
		if err != nil {
			return "", fmt.Errorf("bulk update %d: %w", i, err)
		}
	}
	return number, saveCounters(tx, counters)
}

// yearCounters reads the per-year request number counters.
func yearCounters(tx core.App) (map[int]int, error) {
	var rows []struct {
		Year int `db:"year"`
		Last int `db:"last"`
	}
	if err := tx.DB().Select("year", "last").From("request_numbers").All(&rows); err != nil {
		return nil, fmt.Errorf("request number counters: %w", err)
	}
	out := map[int]int{}
	for _, r := range rows {
		out[r.Year] = r.Last
	}
	return out, nil
}

// saveCounters stores the counters back, so the next request filed is
// numbered after the generated ones.
func saveCounters(tx core.App, counters map[int]int) error {
	for year, last := range counters {
		_, err := tx.DB().NewQuery(`INSERT INTO request_numbers (id, year, last) VALUES ({:id}, {:year}, {:last})
			ON CONFLICT (year) DO UPDATE SET last = MAX(last, excluded.last)`).
			Bind(dbx.Params{"id": core.GenerateDefaultRandomId(), "year": year, "last": last}).Execute()
		if err != nil {
			return fmt.Errorf("request number counter %d: %w", year, err)
		}
	}
	return nil
}

// stamp is t as PocketBase stores dates.
func stamp(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }
