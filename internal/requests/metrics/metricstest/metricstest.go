// Package metricstest fills a database with a year of requests for the
// figures' benchmarks, in one SQL statement (seconds, not minutes).
package metricstest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Year inserts n requests spread evenly over the year (UTC), for the
// services already in app: 80% closed 0 to 19 days after filing, one in
// fifty a duplicate (close_days counted in UTC), one in ten reopened, a third answered "is it fixed?".
func Year(tb testing.TB, app core.App, year, n int) {
	tb.Helper()
	var svcs []struct {
		ID   string `db:"id"`
		Dept string `db:"department"`
	}
	if err := app.DB().NewQuery("SELECT id, department FROM services ORDER BY id").All(&svcs); err != nil || len(svcs) == 0 {
		tb.Fatalf("services for the benchmark: %v (%d)", err, len(svcs))
	}
	var svc, dept strings.Builder
	svc.WriteString("CASE i % " + fmt.Sprint(len(svcs)))
	dept.WriteString(svc.String())
	for i, s := range svcs {
		fmt.Fprintf(&svc, " WHEN %d THEN '%s'", i, s.ID)
		fmt.Fprintf(&dept, " WHEN %d THEN '%s'", i, s.Dept)
	}
	svc.WriteString(" END")
	dept.WriteString(" END")
	step := 365 * 24 * 3600 / n
	q := `INSERT INTO requests (id, number, service, department, status, channel, description, address, contact_name,
		contact_email, contact_phone, language, public, created, updated, due, closed_at, close_days, closed_on_time, duplicate_of, reopens, satisfaction)
	WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < {:n} - 1),
	rows AS (SELECT i, strftime('%Y-%m-%d %H:%M:%S.000Z', {:start}, '+' || (i * {:step}) || ' seconds') AS created FROM seq)
	SELECT printf('bench%010d', i), printf('{:year}-%06d', i), ` + svc.String() + `, ` + dept.String() + `,
		CASE WHEN i % 10 < 8 THEN 'closed' ELSE 'new' END,
		CASE i % 6 WHEN 0 THEN 'web' WHEN 1 THEN 'email' WHEN 2 THEN 'phone' WHEN 3 THEN 'walk_in' WHEN 4 THEN 'open311' ELSE 'sms' END,
		'Streetlight out in front of the library, call me on 555-0100 if needed', printf('%d Mill Street', i % 300),
		'Ana Resident', printf('ana%d@example.com', i % 5000), '555-0100', 'en', i % 2 = 0,
		created, created, strftime('%Y-%m-%d %H:%M:%S.000Z', created, '+5 days'),
		CASE WHEN i % 10 < 8 THEN strftime('%Y-%m-%d %H:%M:%S.000Z', created, '+' || (i % 20) || ' days', '+' || (i % 7) || ' hours') ELSE '' END,
		CASE WHEN i % 10 < 8 THEN (i % 20) + (i % 7) / 24.0 ELSE 0 END,
		i % 10 < 8 AND (i % 20 < 5 OR (i % 20 = 5 AND i % 7 = 0)),
		CASE WHEN i % 50 = 49 THEN 'bench0000000000' ELSE '' END,
		CASE WHEN i % 10 = 3 THEN 1 ELSE 0 END,
		CASE i % 6 WHEN 0 THEN 'yes' WHEN 3 THEN 'no' ELSE '' END
	FROM rows`
	q = strings.Replace(q, "{:year}", fmt.Sprint(year), 1)
	_, err := app.DB().NewQuery(q).Bind(dbx.Params{"n": n, "step": step, "start": fmt.Sprintf("%d-01-01 00:00:00", year)}).Execute()
	if err != nil {
		tb.Fatalf("insert the benchmark's requests: %v", err)
	}
}
