package open311

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/requests"
)

// requests lists public requests, newest first. A private request is never
// listed, whatever the filters.
func (h *Handler) requests(e *core.RequestEvent, f format) error {
	p, err := readListParams(e.Request, h.town.Get().Location, h.reqs.Now())
	if err != nil {
		return err
	}
	conds, err := listConditions(e.App, p)
	if err != nil {
		return err
	}
	var recs []*core.Record
	if err := listQuery(e.App, p, conds).All(&recs); err != nil {
		return err
	}
	return h.writeRequests(e, f, recs, p.Extensions)
}

// listQuery reads a page of conds' requests, newest first, along the
// public list index (idx_requests_public_list): the date window is a range
// of it, and an OFFSET stays within the window.
func listQuery(app core.App, p listParams, conds []dbx.Expression) *dbx.SelectQuery {
	return app.RecordQuery("requests").AndWhere(dbx.And(conds...)).OrderBy("created DESC", "number DESC").
		Limit(int64(p.PageSize)).Offset(int64((p.Page - 1) * p.PageSize))
}

// listConditions turns the filters into SQL; service_request_id overrides
// the others, as the spec says. Service and status are hidden from the
// planner (a unary +) so that the date index serves the order.
func listConditions(app core.App, p listParams) ([]dbx.Expression, error) {
	conds := []dbx.Expression{dbx.HashExp{"public": true}, dbx.NewExp("number != ''")}
	if len(p.IDs) > 0 {
		return append(conds, dbx.In("number", anys(p.IDs)...)), nil
	}
	if len(p.ServiceCodes) > 0 {
		ids, err := serviceIDs(app, p.ServiceCodes)
		if err != nil {
			return nil, err
		}
		conds = append(conds, hiddenIn("service", ids))
	}
	if len(p.Statuses) == 1 {
		conds = append(conds, requests.StatusCond(p.Statuses[0]))
	}
	conds = append(conds, dbx.NewExp("created >= {:start}", dbx.Params{"start": dbTime(p.Start)}))
	if !p.End.IsZero() {
		conds = append(conds, dbx.NewExp("created <= {:end}", dbx.Params{"end": dbTime(p.End)}))
	}
	return conds, nil
}

// serviceIDs finds the services with codes, retired ones included (their
// requests are still public); an unknown code is a 404.
func serviceIDs(app core.App, codes []string) ([]string, error) {
	ids := make([]string, 0, len(codes))
	for _, code := range codes {
		rec, err := app.FindFirstRecordByData("services", "code", code)
		if err != nil {
			return nil, notFound("service_code %s was not found.", code)
		}
		ids = append(ids, rec.Id)
	}
	return ids, nil
}

// request shows one public request; a private or unknown one is a 404.
func (h *Handler) request(e *core.RequestEvent, f format, id string) error {
	rec, err := requests.ByNumber(e.App, id)
	if err != nil || !rec.GetBool("public") {
		return notFound("service_request_id %s was not found.", id)
	}
	return h.writeRequests(e, f, []*core.Record{rec}, query(e.Request, "extensions") == "true")
}

func (h *Handler) writeRequests(e *core.RequestEvent, f format, recs []*core.Record, extensions bool) error {
	v := h.newViewer(e, extensions)
	out := make([]requestEl, 0, len(recs))
	for _, r := range recs {
		el, err := v.request(r)
		if err != nil {
			return err
		}
		out = append(out, el)
	}
	return write(e, f, 200, requestsDoc{Requests: out}, out)
}

// token: every service is realtime, so POST returns the request's id at
// once and there are no tokens to look up.
func (h *Handler) token(e *core.RequestEvent, f format, token string) error {
	return notFound("token %s was not found: requests here are realtime, so POST returns service_request_id at once and issues no tokens.", token)
}

func dbTime(t time.Time) string {
	dt, _ := types.ParseDateTime(t.UTC())
	return dt.String()
}

// hiddenIn is col IN (values), with col hidden from the planner.
func hiddenIn(col string, values []string) dbx.Expression {
	params := dbx.Params{}
	names := make([]string, len(values))
	for i, v := range values {
		names[i] = fmt.Sprintf("{:%s%d}", col, i)
		params[fmt.Sprintf("%s%d", col, i)] = v
	}
	return dbx.NewExp("+"+col+" IN ("+strings.Join(names, ", ")+")", params)
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
