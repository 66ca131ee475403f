// Command genrequests fills a Townhall data directory with a town's
// history, fast (raw SQL in one transaction, no hooks, no emails), for the
// storm-day script and for measuring by hand:
//
//	./townhall serve --dir DIR   # once, to migrate and seed the demo town; then stop it
//	go run ./scripts/genrequests -dir DIR -requests 100000 -residents 50000
//
// Requests come one every 15 minutes up to now (about 100 a day), nine in
// ten public, the newest still open; residents are verified and chose the
// daily digest, and a notice gives that digest something to say.
package main

import (
	"flag"
	"fmt"
	"log"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests/bulk"
	"github.com/townhall/townhall/internal/townhall"
)

func main() {
	dir := flag.String("dir", "pb_data", "the data directory (already migrated and seeded by townhall serve)")
	n := flag.Int("requests", 100_000, "how many requests to add")
	residents := flag.Int("residents", 0, "how many residents with the daily digest to add")
	flag.Parse()
	app := core.NewBaseApp(core.BaseAppConfig{DataDir: *dir, DBConnect: townhall.DBConnect})
	if err := app.Bootstrap(); err != nil {
		log.Fatal(err)
	}
	defer app.ResetBootstrapState()
	start := time.Now()
	if *n > 0 {
		last, err := bulk.Requests(app, *n, time.Now().Add(-time.Minute))
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("added %d requests (newest %s) in %v\n", *n, last, time.Since(start).Round(time.Millisecond))
	}
	if *residents > 0 {
		start = time.Now()
		if err := bulk.Residents(app, *residents, time.Now()); err != nil {
			log.Fatal(err)
		}
		fmt.Printf("added %d residents with the daily digest in %v\n", *residents, time.Since(start).Round(time.Millisecond))
	}
}
