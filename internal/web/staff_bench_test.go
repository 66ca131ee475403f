package web_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// deskTown is the demo town with 100,000 requests over three years, one in
// twenty still open, each with a status change and a queued email, and the
// clerk signed in on the desk.
func deskTown(b *testing.B) (core.App, http.Handler) {
	app := demoApp(b)
	var svcs []*core.Record
	if err := app.RecordQuery("services").All(&svcs); err != nil {
		b.Fatal(err)
	}
	statuses := []string{"new", "in_progress", "waiting"}
	rng := rand.New(rand.NewPCG(5, 6))
	start := time.Now().AddDate(-3, 0, 0)
	err := app.RunInTransaction(func(tx core.App) error {
		req := tx.DB().NewQuery(`INSERT INTO requests (id, number, service, status, description, address, channel, public, department, language, due, created, updated)
			VALUES ({:id}, {:number}, {:service}, {:status}, 'A hole in the road', {:address}, 'web', TRUE, {:dept}, 'en', {:due}, {:created}, {:created})`)
		upd := tx.DB().NewQuery(`INSERT INTO request_updates (id, request, kind, status, body, author_name, created, updated)
			VALUES ({:id}, {:request}, 'status', 'in_progress', 'On our list.', 'Public Works', {:created}, {:created})`)
		out := tx.DB().NewQuery(`INSERT INTO outbox (id, "to", subject, text, status, attempts, dedupe_key, kind, language, created, updated)
			VALUES ({:id}, 'r@example.com', 'We received your request', 'Thanks', 'sent', 1, {:key}, 'request.received', 'en', {:created}, {:created})`)
		for i := 1; i <= 100_000; i++ {
			created := start.Add(time.Duration(i) * 15 * time.Minute)
			status := "resolved"
			if i%20 == 0 {
				status = statuses[rng.IntN(len(statuses))]
			}
			svc := svcs[rng.IntN(len(svcs))]
			id := fmt.Sprintf("desk%011d", i)
			_, err := req.Bind(dbx.Params{"id": id, "number": fmt.Sprintf("2025-%06d", i), "service": svc.Id, "status": status,
				"address": fmt.Sprintf("%d Mill Street", i), "dept": svc.GetString("department"),
				"due": benchTime(created.Add(5 * 24 * time.Hour)), "created": benchTime(created)}).Execute()
			if err != nil {
				return err
			}
			if _, err := upd.Bind(dbx.Params{"id": fmt.Sprintf("du%013d", i), "request": id, "created": benchTime(created.Add(time.Hour))}).Execute(); err != nil {
				return err
			}
			if _, err := out.Bind(dbx.Params{"id": fmt.Sprintf("do%013d", i), "key": "request:" + id + ":received:r@example.com", "created": benchTime(created)}).Execute(); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return app, clerkDesk(b, app)
}

// clerkDesk serves app's site as a clerk signed in on the desk.
func clerkDesk(b *testing.B, app core.App) http.Handler {
	clerk(b, app)
	tok := schematest.AuthToken(b, app, core.CollectionNameSuperusers, "clerk@aldercreek.example")
	mux := serveMux(b, app)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.AddCookie(&http.Cookie{Name: "th_staff", Value: tok})
		mux.ServeHTTP(w, r)
	})
}

// benchTime is t as stored in a date field, for rows written in bulk.
func benchTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }

// BenchmarkDeskQueue measures the clerk's queue among 100,000 requests:
// every tab, a second page, a department, a search, and reports the p95 of
// a desk in use. Each page is opened once first and not counted: the first
// read of an index after the server starts comes from the disk (up to
// 0.5 s on a busy machine), which a desk in use has long done. Run it with
// -benchtime 200x or more, so the p95 is not one slow sample of thirty.
func BenchmarkDeskQueue(b *testing.B) {
	_, h := deskTown(b)
	paths := []string{"/en/staff", "/en/staff?tab=new", "/en/staff?tab=overdue", "/en/staff?tab=waiting",
		"/en/staff?tab=unassigned", "/en/staff?tab=all", "/en/staff?tab=all&after=2024-01-01+00%3A00%3A00.000Z~desk00000050000",
		"/en/staff?tab=open&status=waiting", "/en/staff?tab=all&q=2025-004242", "/en/staff?tab=open&q=mill+street"}
	for _, p := range paths {
		rec := httptest.NewRecorder()
		if h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, p, nil)); rec.Code != http.StatusOK {
			b.Fatalf("%s: %d", p, rec.Code)
		}
	}
	i := 0
	latencies(b, h, func() string { i++; return paths[i%len(paths)] })
}

// BenchmarkDeskRequest measures the request screen of random requests among
// 100,000, and reports its p95.
func BenchmarkDeskRequest(b *testing.B) {
	_, h := deskTown(b)
	rng := rand.New(rand.NewPCG(7, 8))
	latencies(b, h, func() string { return fmt.Sprintf("/en/staff/requests/2025-%06d", 1+rng.IntN(100_000)) })
}
