package metrics

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Row is what the figures read of one request.
type Row struct {
	Department, Service, Channel, Status string
	Created, Closed                      time.Time // Closed is zero while open
	Reopens                              int
	Satisfaction                         string // "", "yes" or "no"
}

// Scope is whose requests count: the clerk's (every department, Departments
// nil) or a staff member's departments, optionally narrowed to one.
type Scope struct {
	Departments []string // nil: every department
	Department  string   // one department, or "" for all in scope
}

// where is the scope as SQL conditions, with their parameters in params.
func (s Scope) where(params dbx.Params) string {
	sql := " AND duplicate_of = ''"
	if s.Department != "" {
		sql += " AND department = {:dept}"
		params["dept"] = s.Department
	}
	if s.Departments != nil {
		keys := []string{"NULL"} // no departments: no requests
		for i, d := range s.Departments {
			k := fmt.Sprintf("d%d", i)
			keys = append(keys, "{:"+k+"}")
			params[k] = d
		}
		sql += " AND department IN (" + strings.Join(keys, ", ") + ")"
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

// The three reads the figures make. Each walks one covering index
// (idx_requests_metrics_*), so its cost is the rows it returns.
const (
	receivedSQL = `SELECT department, service, channel, status, created, closed_at, reopens, satisfaction
		FROM requests WHERE created >= {:from} AND created < {:to}`
	closedSQL = `SELECT department, service, channel, status, created, closed_at, 0, ''
		FROM requests WHERE closed_at != '' AND closed_at >= {:from} AND closed_at < {:to}`
	openSQL = `SELECT department, service, channel, status, created, '', 0, ''
		FROM requests WHERE status IN ('new', 'in_progress', 'waiting')`
)

// Received is every request filed in p within the scope.
func Received(app core.App, p Period, s Scope) ([]Row, error) {
	return scan(app, receivedSQL, p, s)
}

// ClosedIn is every request closed in p within the scope (still closed:
// a reopened request counts when it is closed again).
func ClosedIn(app core.App, p Period, s Scope) ([]Row, error) {
	return scan(app, closedSQL, p, s)
}

// Open is every request still open within the scope.
func Open(app core.App, s Scope) ([]Row, error) {
	return scan(app, openSQL, Period{}, s)
}

func scan(app core.App, base string, p Period, s Scope) ([]Row, error) {
	params := dbx.Params{"from": stamp(p.From), "to": stamp(p.To)}
	rows, err := app.DB().NewQuery(base + s.where(params)).Bind(params).Rows()
	if err != nil {
		return nil, fmt.Errorf("read requests for figures: %w", err)
	}
	defer rows.Close()
	var out []Row
	var created, closed string
	var sat sql.NullString
	for rows.Next() {
		var r Row
		if err := rows.Scan(&r.Department, &r.Service, &r.Channel, &r.Status, &created, &closed, &r.Reopens, &sat); err != nil {
			return nil, fmt.Errorf("read requests for figures: %w", err)
		}
		r.Created, r.Closed, r.Satisfaction = parseStamp(created), parseStamp(closed), sat.String
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read requests for figures: %w", err)
	}
	return out, nil
}
