package metrics

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Scope is whose requests count: the clerk's (every department, Departments
// nil) or a staff member's departments, optionally narrowed to one.
type Scope struct {
	Departments []string // nil: every department
	Department  string   // one department, or "" for all in scope
}

// where is the scope as SQL conditions, duplicates left out, with their
// parameters in params.
func (s Scope) where(params dbx.Params) string {
	return " AND duplicate_of = ''" + s.departments("department", params)
}

// departments is the scope's departments as SQL conditions on col.
func (s Scope) departments(col string, params dbx.Params) string {
	sql := ""
	if s.Department != "" {
		sql += " AND " + col + " = {:dept}"
		params["dept"] = s.Department
	}
	if s.Departments != nil {
		keys := []string{"NULL"} // no departments: no requests
		for i, d := range s.Departments {
			k := fmt.Sprintf("d%d", i)
			keys = append(keys, "{:"+k+"}")
			params[k] = d
		}
		sql += " AND " + col + " IN (" + strings.Join(keys, ", ") + ")"
	}
	return sql
}

// stamp is an instant as PocketBase stores dates, for comparing in SQL.
func stamp(t time.Time) string { return t.UTC().Format(types.DefaultDateLayout) }

// parseStamp reads a stored date; "" is the zero time.
func parseStamp(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(types.DefaultDateLayout, s)
	if err != nil {
		dt, _ := types.ParseDateTime(s)
		return dt.Time()
	}
	return t
}

// fromUnix is a unixepoch(…, 'subsec') value as an instant, to the millisecond.
func fromUnix(sec float64) time.Time {
	return time.UnixMilli(int64(math.Round(sec * 1000))).UTC()
}

// The reads the figures make. Each names the index it walks, so that its
// plan never depends on the planner's guesses (TestQueryPlans holds them).
// Counts are index range counts, one per key or span, never a GROUP BY
// (whose sort costs more than the rest together); only the closed
// requests' times come back one by one (the percentiles need them).
const (
	totalsSQL = `SELECT count(*), coalesce(sum(reopens > 0), 0), coalesce(sum(closed_at != '' OR reopens > 0), 0),
		coalesce(sum(satisfaction = 'yes'), 0), coalesce(sum(satisfaction = 'no'), 0)
		FROM requests INDEXED BY idx_requests_metrics_created WHERE created >= {:from} AND created < {:to}`
	countSQL  = `(SELECT count(*) FROM requests INDEXED BY idx_requests_metrics_%s WHERE %s AND created >= %s AND created < %s%s)`
	closedSQL = `SELECT service, unixepoch(closed_at, 'subsec'), close_days, closed_on_time
		FROM requests INDEXED BY idx_requests_metrics_closed WHERE closed_at != '' AND closed_at >= {:from} AND closed_at < {:to}`
	daysSQL = `SELECT close_days, closed_on_time
		FROM requests INDEXED BY idx_requests_metrics_closed WHERE closed_at != '' AND closed_at >= {:from} AND closed_at < {:to}`
	backlogSQL = `SELECT count(*), coalesce(sum(created >= {:b7}), 0), coalesce(sum(created < {:b7} AND created >= {:b30}), 0),
		coalesce(sum(created < {:b30} AND created >= {:b90}), 0)
		FROM requests INDEXED BY idx_requests_metrics_open WHERE status IN ('new', 'in_progress', 'waiting')`
)

// Totals are the requests filed in a period: how many, how many were
// reopened, closed at least once, and the answers to "is it fixed?".
type Totals struct {
	N, Reopened, EverClosed, Yes, No int
}

// LoadTotals reads the totals of the requests filed in p within the scope.
func LoadTotals(app core.App, p Period, s Scope) (Totals, error) {
	params := dbx.Params{"from": stamp(p.From), "to": stamp(p.To)}
	var t Totals
	err := app.DB().NewQuery(totalsSQL+s.where(params)).Bind(params).Row(&t.N, &t.Reopened, &t.EverClosed, &t.Yes, &t.No)
	if err != nil {
		return t, fmt.Errorf("count requests: %w", err)
	}
	return t, nil
}

// Keys of the counts by: services, channels or departments.
const (
	ByService    = "service"
	ByChannel    = "channel"
	ByDepartment = "department"
)

// CountQuery counts the requests filed in each span [starts[i],
// starts[i+1]) within the scope: in all, or for each of keys of column by
// (ByService, ByChannel, ByDepartment). The result is by span, then key
// ("" when by is "").
func CountQuery(by string, keys []string, starts []time.Time, s Scope) (string, dbx.Params) {
	params := dbx.Params{}
	var spans, vals []string
	for i := 0; i+1 < len(starts); i++ {
		spans = append(spans, fmt.Sprintf("(%d, {:a%d}, {:z%d})", i, i, i))
		params[fmt.Sprintf("a%d", i)] = stamp(starts[i])
		params[fmt.Sprintf("z%d", i)] = stamp(starts[i+1])
	}
	index, cond := "created", "duplicate_of = ''"
	if by != "" {
		for i, k := range keys {
			vals = append(vals, fmt.Sprintf("({:k%d})", i))
			params[fmt.Sprintf("k%d", i)] = k
		}
		index, cond = by, "duplicate_of = '' AND "+by+" = k.v"
	}
	scope := s.departments("department", params)
	switch {
	case by == ByDepartment:
		scope = "" // the keys are the scope's departments
	case by != "" && scope == "":
		// Every department, and none: the service and channel indexes have
		// the department before the date, so naming each one lets SQLite
		// seek its date range; otherwise it read every request of the key
		// ever filed, and the clerk's figures grew with the years.
		scope = " AND department IN (SELECT id FROM departments UNION ALL SELECT '')"
	}
	q := "WITH b(i, a, z) AS (VALUES " + strings.Join(spans, ", ") + ")"
	sel, from := "SELECT b.i, ''", " FROM b"
	if by != "" {
		q += ", k(v) AS (VALUES " + strings.Join(vals, ", ") + ")"
		sel, from = "SELECT b.i, k.v", " FROM b, k"
	}
	return q + " " + sel + ", " + fmt.Sprintf(countSQL, index, cond, "b.a", "b.z", scope) + from, params
}

// Counts runs CountQuery.
func Counts(app core.App, by string, keys []string, starts []time.Time, s Scope) ([]map[string]int, error) {
	out := make([]map[string]int, max(len(starts)-1, 0))
	for i := range out {
		out[i] = map[string]int{}
	}
	if len(out) == 0 || (by != "" && len(keys) == 0) {
		return out, nil
	}
	q, params := CountQuery(by, keys, starts, s)
	rows, err := app.DB().NewQuery(q).Bind(params).Rows()
	if err != nil {
		return nil, fmt.Errorf("count requests by %s: %w", by, err)
	}
	defer rows.Close()
	for rows.Next() {
		var i, n int
		var key string
		if err := rows.Scan(&i, &key, &n); err != nil {
			return nil, fmt.Errorf("count requests by %s: %w", by, err)
		}
		if n > 0 {
			out[i][key] = n
		}
	}
	return out, rows.Err()
}

// Closure is one request closed: when, how many days it took on the
// town's clocks, and whether by its due date (set from the service's
// response days in business days, requests.DueDate). requests keeps the
// last two on the request (requests.Closing).
type Closure struct {
	Service string
	Closed  time.Time
	Days    float64
	OnTime  bool
}

// Closures reads the requests closed in p within the scope (still closed:
// a reopened request counts when it is closed again).
func Closures(app core.App, p Period, s Scope) ([]Closure, error) {
	params := dbx.Params{"from": stamp(p.From), "to": stamp(p.To)}
	rows, err := app.DB().NewQuery(closedSQL + s.where(params)).Bind(params).Rows()
	if err != nil {
		return nil, fmt.Errorf("read closed requests: %w", err)
	}
	defer rows.Close()
	var out []Closure
	for rows.Next() {
		var c Closure
		var closed float64
		if err := rows.Scan(&c.Service, &closed, &c.Days, &c.OnTime); err != nil {
			return nil, fmt.Errorf("read closed requests: %w", err)
		}
		c.Closed = fromUnix(closed)
		out = append(out, c)
	}
	return out, rows.Err()
}

// Closed is what the figures say of the requests closed in a period: how
// many, how many on time, and the spread of their days to close.
type Closed struct {
	N, OnTime int
	Days      Spread
}

// LoadClosed reads the requests closed in p within the scope: only their
// days to close and whether on time, one index entry each.
func LoadClosed(app core.App, p Period, s Scope) (Closed, error) {
	params := dbx.Params{"from": stamp(p.From), "to": stamp(p.To)}
	rows, err := app.DB().NewQuery(daysSQL + s.where(params)).Bind(params).Rows()
	if err != nil {
		return Closed{}, fmt.Errorf("read closed requests: %w", err)
	}
	defer rows.Close()
	var c Closed
	var days []float64
	for rows.Next() {
		var d float64
		var onTime bool
		if err := rows.Scan(&d, &onTime); err != nil {
			return Closed{}, fmt.Errorf("read closed requests: %w", err)
		}
		days = append(days, d)
		if onTime {
			c.OnTime++
		}
	}
	c.N, c.Days = len(days), spread(days)
	return c, rows.Err()
}

// Backlog counts the requests open at now within the scope by age in the
// town's calendar days: 0–7, 8–30, 31–90 and over 90.
func Backlog(app core.App, s Scope, now time.Time, loc *time.Location) ([4]int, error) {
	today := midnight(now, loc)
	params := dbx.Params{"b7": stamp(today.AddDate(0, 0, -7)), "b30": stamp(today.AddDate(0, 0, -30)), "b90": stamp(today.AddDate(0, 0, -90))}
	var total int
	var b [4]int
	err := app.DB().NewQuery(backlogSQL+s.where(params)).Bind(params).Row(&total, &b[0], &b[1], &b[2])
	if err != nil {
		return b, fmt.Errorf("count the backlog: %w", err)
	}
	b[3] = total - b[0] - b[1] - b[2]
	return b, nil
}
