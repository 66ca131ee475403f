package requests

import (
	"fmt"
	"slices"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// CountLimit is where the public list stops counting: past it the list
// says "more than 1,000", so counting costs the same whatever is stored.
const CountLimit = 1000

// PageFilter is one page of the public list, newest first. After and
// Before are the number of a request on the page the visitor came from:
// the page holds the requests listed just after it (older) or just before
// it (newer). Neither means the first page.
type PageFilter struct {
	ServiceID     string
	Status        string // "open", "closed" or ""
	After, Before string
	Limit         int
}

// Page is what PublicPage found.
type Page struct {
	Records []*core.Record
	// Total is how many match, counted up to CountLimit; More says there
	// are more than that.
	Total int
	More  bool
	// Newer and Older say there are requests listed before the first row
	// and after the last.
	Newer, Older bool
}

// PublicPage returns a page of public requests by keyset: it walks the
// public list index (idx_requests_public_list) from a cursor, never past
// an OFFSET, so the last page costs what the first does.
func PublicPage(app core.App, f PageFilter) (Page, error) {
	conds := PublicConds(f.ServiceID, f.Status)
	var p Page
	total, err := countUpTo(app, conds, CountLimit)
	if err != nil {
		return p, err
	}
	p.Total, p.More = min(total, CountLimit), total > CountLimit
	before, after := cursorOf(app, f.Before), cursorOf(app, f.After)
	var recs []*core.Record
	if err := pageQuery(app, f.Limit, conds, before, after).All(&recs); err != nil {
		return p, fmt.Errorf("public list: %w", err)
	}
	more := len(recs) > f.Limit
	recs = recs[:min(len(recs), f.Limit)]
	switch {
	case before != nil:
		slices.Reverse(recs)
		p.Newer, p.Older = more, true
	case after != nil:
		p.Newer, p.Older = true, more
	default:
		p.Older = more
	}
	p.Records = recs
	return p, nil
}

// PublicConds are the public list's conditions. Status and service are
// hidden from the planner (a unary +) so that it walks the list index in
// order and checks them there, rather than reading every match of another
// index and sorting them.
func PublicConds(serviceID, status string) []dbx.Expression {
	conds := []dbx.Expression{dbx.HashExp{"public": true}, dbx.NewExp("number != ''")}
	if serviceID != "" {
		conds = append(conds, dbx.NewExp("+service = {:service}", dbx.Params{"service": serviceID}))
	}
	if e := StatusCond(status); e != nil {
		conds = append(conds, e)
	}
	return conds
}

// StatusCond is the public "open" or "closed" filter; nil for any other
// status. "open" is written exactly as the WHERE of the partial index of
// open requests (idx_requests_public_open), which SQLite then reads: it
// holds the open requests alone, in the list's order. "closed" is hidden
// from the planner as in PublicConds, since nearly every request is closed
// and the list index finds them at once.
func StatusCond(status string) dbx.Expression {
	switch status {
	case "open":
		return dbx.NewExp("status NOT IN ('resolved', 'closed')")
	case "closed":
		return dbx.NewExp("+status IN ('resolved', 'closed')")
	}
	return nil
}

// ListIndex is the index a public list or Open311 query with status
// reads: the partial index of open requests for "open", the list index
// otherwise.
func ListIndex(status string) string {
	if status == "open" {
		return "idx_requests_public_open"
	}
	return "idx_requests_public_list"
}

// PublicPageQuery is the query behind the page f.
func PublicPageQuery(app core.App, f PageFilter) *dbx.SelectQuery {
	return pageQuery(app, f.Limit, PublicConds(f.ServiceID, f.Status), cursorOf(app, f.Before), cursorOf(app, f.After))
}

// pageQuery reads limit+1 rows from a cursor, newest first (oldest first
// when paging back from before).
func pageQuery(app core.App, limit int, conds []dbx.Expression, before, after *cursor) *dbx.SelectQuery {
	order := []string{"created DESC", "number DESC"}
	if c := before; c != nil {
		conds = append(conds, dbx.NewExp("(created, number) > ({:cc}, {:cn})", dbx.Params{"cc": c.created, "cn": c.number}))
		order = []string{"created", "number"}
	} else if c := after; c != nil {
		conds = append(conds, dbx.NewExp("(created, number) < ({:cc}, {:cn})", dbx.Params{"cc": c.created, "cn": c.number}))
	}
	return app.RecordQuery("requests").AndWhere(dbx.And(conds...)).OrderBy(order...).Limit(int64(limit + 1))
}

// CountQuery counts the matches of conds, stopping after upTo+1.
func CountQuery(app core.App, conds []dbx.Expression, upTo int) *dbx.Query {
	inner := app.DB().Select("rowid").From("requests").AndWhere(dbx.And(conds...)).Limit(int64(upTo + 1)).Build()
	return app.DB().NewQuery("SELECT COUNT(*) FROM (" + inner.SQL() + ")").Bind(inner.Params())
}

func countUpTo(app core.App, conds []dbx.Expression, upTo int) (int, error) {
	var n int
	if err := CountQuery(app, conds, upTo).Row(&n); err != nil {
		return 0, fmt.Errorf("count public requests: %w", err)
	}
	return n, nil
}

type cursor struct{ created, number string }

// cursorOf is the position of the public request number in the list; nil
// for none, or for a number that is not on the public list (a bad cursor
// means the first page).
func cursorOf(app core.App, number string) *cursor {
	if number == "" {
		return nil
	}
	var c struct {
		Created string `db:"created"`
		Number  string `db:"number"`
	}
	err := app.DB().Select("created", "number").From("requests").
		Where(dbx.HashExp{"number": number, "public": true}).Limit(1).One(&c)
	if err != nil {
		return nil
	}
	return &cursor{c.Created, c.Number}
}
