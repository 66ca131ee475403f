package web_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// BenchmarkAvailabilityPage renders the pavilion's week and day tables for
// random dates of a year ahead, with two years of bookings stored (a year
// back and a year ahead, three a day), and reports the p95.
func BenchmarkAvailabilityPage(b *testing.B) {
	app := demoApp(b)
	f, err := app.FindFirstRecordByData("facilities", "slug", "pavilion")
	if err != nil {
		b.Fatal(err)
	}
	today := time.Now().In(alderCreek)
	n := 0
	err = app.RunInTransaction(func(tx core.App) error {
		stmt := tx.DB().NewQuery(`INSERT INTO reservations (id, facility, starts, ends, status, purpose, attendees, fee, paid, public, created, updated)
			VALUES ({:id}, {:f}, {:s}, {:e}, 'approved', 'Party', 20, 40, TRUE, FALSE, {:now}, {:now})`)
		now := benchTime(time.Now())
		for d := -365; d < 365; d++ {
			day := today.AddDate(0, 0, d)
			for _, h := range [][2]int{{8, 10}, {11, 14}, {15, 19}} {
				s := time.Date(day.Year(), day.Month(), day.Day(), h[0], 0, 0, 0, alderCreek).UTC()
				e := time.Date(day.Year(), day.Month(), day.Day(), h[1], 0, 0, 0, alderCreek).UTC()
				n++
				_, err := stmt.Bind(map[string]any{"id": fmt.Sprintf("bench%010d", n), "f": f.Id, "now": now,
					"s": benchTime(s), "e": benchTime(e)}).Execute()
				if err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	latencies(b, serveMux(b, app), func() string {
		day := today.AddDate(0, 0, rng.IntN(365)).Format(time.DateOnly)
		if rng.IntN(2) == 0 {
			return "/es/book/pavilion?day=" + day
		}
		return "/en/book/pavilion?week=" + day
	})
	b.ReportMetric(float64(n), "bookings")
}
