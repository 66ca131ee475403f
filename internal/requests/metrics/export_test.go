package metrics

import (
	"time"

	"github.com/pocketbase/dbx"
)

// HotQuery is a query with its parameters, for the query-plan test.
type HotQuery struct {
	SQL    string
	Params dbx.Params
}

// HotQueries are the figures' and the export's queries for p and s.
func HotQueries(p Period, s Scope, staff bool) map[string]HotQuery {
	out := map[string]HotQuery{}
	params := dbx.Params{"from": stamp(p.From), "to": stamp(p.To)}
	out["totals"] = HotQuery{totalsSQL + s.where(params), params}
	params = dbx.Params{"from": stamp(p.From), "to": stamp(p.To)}
	out["closed"] = HotQuery{closedSQL + s.where(params), params}
	params = dbx.Params{"b7": stamp(p.From), "b30": stamp(p.From), "b90": stamp(p.From)}
	out["backlog"] = HotQuery{backlogSQL + s.where(params), params}
	whole := []time.Time{p.From, p.To}
	for _, by := range []string{"", ByService, ByChannel, ByDepartment} {
		q, params := CountQuery(by, []string{"a", "b"}, whole, s)
		out["count by "+by] = HotQuery{q, params}
	}
	q, params := (&Export{Period: p, Scope: s, Staff: staff}).sql(stamp(p.From), "")
	out["export"] = HotQuery{q, params}
	return out
}
