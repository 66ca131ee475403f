package desk

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// The queue's tabs.
const (
	TabNew        = "new"
	TabOpen       = "open"
	TabOverdue    = "overdue"
	TabWaiting    = "waiting"
	TabMine       = "mine"
	TabUnassigned = "unassigned"
)

// Tabs lists the tabs s sees, in order: the clerk is no assignee, so has no
// "mine".
func (s *Staff) Tabs() []string {
	if s.Clerk {
		return []string{TabNew, TabOpen, TabOverdue, TabWaiting, TabUnassigned}
	}
	return []string{TabNew, TabOpen, TabOverdue, TabWaiting, TabMine, TabUnassigned}
}

// openStatuses are the statuses of requests that still need work.
var openStatuses = []any{requests.StatusNew, requests.StatusInProgress, requests.StatusWaiting}

// PageSize is how many requests one page of the queue shows.
const PageSize = 50

// Filter is one view of the queue. Dates are instants (the caller turns the
// town's days into them); Search matches a number exactly, or words in the
// description, address or contact.
type Filter struct {
	Tab                                  string
	Department, Service, Status, Channel string
	From, To                             time.Time // created in [From, To)
	Search                               string
	After                                Cursor // the last row of the previous page
	Limit                                int
	// ByDate walks the date index newest first and stops after a page: right
	// for a tab holding many requests. Otherwise the tab's requests are
	// found by status and sorted, which is cheaper when they are few
	// (below SortLimit) among many closed ones.
	ByDate bool
}

// SortLimit is the tab size up to which a page is found by status and
// sorted rather than by walking the date index.
const SortLimit = 2000

// Cursor is a position in the queue's order (newest first).
type Cursor struct{ Created, ID string }

// String encodes c for a link; "" for the first page.
func (c Cursor) String() string {
	if c.ID == "" {
		return ""
	}
	return c.Created + "~" + c.ID
}

var cursorPattern = regexp.MustCompile(`^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?Z)~([a-z0-9]{1,32})$`)

// ParseCursor reads a cursor from a link; a bad one means the first page.
func ParseCursor(s string) Cursor {
	m := cursorPattern.FindStringSubmatch(s)
	if m == nil {
		return Cursor{}
	}
	return Cursor{Created: m[1], ID: m[3]}
}

// dbTime is t as PocketBase stores dates, so they compare as strings.
func dbTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05.000Z") }

// scope limits a query to the requests s sees.
func (s *Staff) scope() dbx.Expression {
	if s.Clerk {
		return nil
	}
	ids := make([]any, len(s.Departments))
	for i, d := range s.Departments {
		ids[i] = d
	}
	if len(ids) == 1 {
		return dbx.HashExp{"department": ids[0]}
	}
	return dbx.In("department", ids...)
}

// tabExp is what a tab shows, at now. byDate keeps SQLite from choosing
// the status index (a unary + hides a column from the planner), so the
// date index serves the ORDER BY.
func (s *Staff) tabExp(tab string, now time.Time, byDate bool) dbx.Expression {
	col := "status"
	if byDate {
		col = "+status"
	}
	open := dbx.NewExp(col + " IN ('new', 'in_progress', 'waiting')")
	switch tab {
	case TabNew:
		return dbx.NewExp(col + " = 'new'")
	case TabOverdue:
		return dbx.And(open, dbx.NewExp("due != '' AND due < {:now}", dbx.Params{"now": dbTime(now)}))
	case TabWaiting:
		return dbx.NewExp(col + " = 'waiting'")
	case TabMine:
		return dbx.And(open, dbx.HashExp{"assignee": s.UserID()})
	case TabUnassigned:
		return dbx.And(open, dbx.HashExp{"assignee": ""})
	case "all":
		return nil
	default:
		return open
	}
}

// numberPattern is a request number typed in the search box.
var numberPattern = regexp.MustCompile(`^\d{4}-\d{1,9}$`)

// likeEscaper makes typed text match literally in LIKE … ESCAPE '\'.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// searchExp matches q against a request's number, words, address and
// contact (the form's contact or the reporter's account).
func searchExp(q string) dbx.Expression {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil
	}
	if numberPattern.MatchString(q) {
		return dbx.HashExp{"number": q}
	}
	p := dbx.Params{"like": "%" + likeEscaper.Replace(strings.ToLower(q)) + "%"}
	var parts []string
	for _, col := range []string{"description", "address", "contact_name", "contact_email", "contact_phone"} {
		parts = append(parts, "lower(["+col+"]) LIKE {:like} ESCAPE '\\'")
	}
	parts = append(parts, "reporter IN (SELECT id FROM users WHERE lower(name) LIKE {:like} ESCAPE '\\' OR lower(email) LIKE {:like} ESCAPE '\\')")
	return dbx.NewExp("("+strings.Join(parts, " OR ")+")", p)
}

// conditions are f's conditions for s at now.
func (s *Staff) conditions(f Filter, now time.Time) []dbx.Expression {
	conds := []dbx.Expression{dbx.NewExp("number != ''")}
	add := func(e dbx.Expression) {
		if e != nil {
			conds = append(conds, e)
		}
	}
	add(s.scope())
	add(s.tabExp(f.Tab, now, f.ByDate))
	for col, v := range map[string]string{"department": f.Department, "service": f.Service, "status": f.Status, "channel": f.Channel} {
		if v != "" {
			add(dbx.HashExp{col: v})
		}
	}
	if !f.From.IsZero() {
		add(dbx.NewExp("created >= {:from}", dbx.Params{"from": dbTime(f.From)}))
	}
	if !f.To.IsZero() {
		add(dbx.NewExp("created < {:to}", dbx.Params{"to": dbTime(f.To)}))
	}
	add(searchExp(f.Search))
	if f.After.ID != "" {
		add(dbx.NewExp("(created, id) < ({:ac}, {:aid})", dbx.Params{"ac": f.After.Created, "aid": f.After.ID}))
	}
	return conds
}

// QueueQuery is the query behind one page of the queue, newest first.
func (s *Staff) QueueQuery(app core.App, f Filter, now time.Time) *dbx.SelectQuery {
	limit := f.Limit
	if limit <= 0 {
		limit = PageSize
	}
	return app.RecordQuery("requests").AndWhere(dbx.And(s.conditions(f, now)...)).
		OrderBy("created DESC", "id DESC").Limit(int64(limit + 1))
}

// Queue returns one page of f and the cursor of the next page (zero when
// this is the last).
func (s *Staff) Queue(app core.App, f Filter, now time.Time) ([]*core.Record, Cursor, error) {
	if f.Limit <= 0 {
		f.Limit = PageSize
	}
	var recs []*core.Record
	if err := s.QueueQuery(app, f, now).All(&recs); err != nil {
		return nil, Cursor{}, fmt.Errorf("desk queue: %w", err)
	}
	if len(recs) <= f.Limit {
		return recs, Cursor{}, nil
	}
	recs = recs[:f.Limit]
	last := recs[len(recs)-1]
	return recs, Cursor{Created: last.GetString("created"), ID: last.Id}, nil
}

// Counts returns how many requests s sees in each tab at now.
func (s *Staff) Counts(app core.App, now time.Time) (map[string]int, error) {
	var rows []struct {
		Status     string `db:"status"`
		N          int    `db:"n"`
		Overdue    int    `db:"overdue"`
		Mine       int    `db:"mine"`
		Unassigned int    `db:"unassigned"`
	}
	if err := s.CountsQuery(app, now).All(&rows); err != nil {
		return nil, fmt.Errorf("desk counts: %w", err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[TabOpen] += r.N
		out[TabOverdue] += r.Overdue
		out[TabMine] += r.Mine
		out[TabUnassigned] += r.Unassigned
		switch r.Status {
		case requests.StatusNew:
			out[TabNew] = r.N
		case requests.StatusWaiting:
			out[TabWaiting] = r.N
		}
	}
	return out, nil
}

// CountsQuery counts every tab in one pass over an index that holds every
// column the tabs test (idx_requests_status).
func (s *Staff) CountsQuery(app core.App, now time.Time) *dbx.SelectQuery {
	conds := []dbx.Expression{dbx.In("status", openStatuses...)}
	if sc := s.scope(); sc != nil {
		conds = append(conds, sc)
	}
	return app.DB().Select("status", "COUNT(*) AS n",
		"COALESCE(SUM(due != '' AND due < {:now}), 0) AS overdue",
		"COALESCE(SUM(assignee = {:me} AND {:me} != ''), 0) AS mine",
		"COALESCE(SUM(assignee = ''), 0) AS unassigned").
		From("requests").Where(dbx.And(conds...)).GroupBy("status").
		Bind(dbx.Params{"now": dbTime(now), "me": s.UserID()})
}
