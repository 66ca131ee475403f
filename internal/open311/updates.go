package open311

import (
	"encoding/xml"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// maxUpdates bounds one answer of servicerequestupdates: a client pulls
// again with a later start_date for more.
const maxUpdates = 1000

// updateEl is one request_update of FixMyStreet's servicerequestupdates
// extension: what the town said or did, never who reported the request.
type updateEl struct {
	UpdateID         string `xml:"update_id" json:"update_id"`
	ServiceRequestID string `xml:"service_request_id" json:"service_request_id"`
	Status           string `xml:"status" json:"status"`
	UpdatedDatetime  string `xml:"updated_datetime" json:"updated_datetime"`
	Description      text   `xml:"description" json:"description"`
	MediaURL         text   `xml:"media_url" json:"media_url"`
}

type updatesDoc struct {
	XMLName xml.Name   `xml:"service_request_updates"`
	Updates []updateEl `xml:"request_update"`
}

// fmsStatus is the extended status FixMyStreet reads for each of the
// town's statuses.
var fmsStatus = map[string]string{
	requests.StatusNew: "OPEN", requests.StatusInProgress: "IN_PROGRESS", requests.StatusWaiting: "INVESTIGATING",
	requests.StatusResolved: "FIXED", requests.StatusClosed: "CLOSED",
}

// updates lists the public timeline of public requests between start_date
// and end_date (the last 90 days when neither is given), oldest first: the
// town's status changes and comments, and reopenings without the
// reporter's words. Internal notes and the reporter's comments stay out.
func (h *Handler) updates(e *core.RequestEvent, f format) error {
	var p listParams
	var err error
	loc := h.town.Get().Location
	if p.Start, err = w3cParam(e.Request, "start_date", loc); err != nil {
		return err
	}
	if p.End, err = w3cParam(e.Request, "end_date", loc); err != nil {
		return err
	}
	if err := p.window(h.reqs.Now()); err != nil {
		return err
	}
	conds := dbx.And(dbx.HashExp{"r.public": true}, dbx.NewExp("r.number != ''"),
		dbx.In("request_updates.kind", "status", "comment", "reopen"),
		dbx.NewExp("request_updates.created >= {:start}", dbx.Params{"start": dbTime(p.Start)}))
	if !p.End.IsZero() {
		conds = dbx.And(conds, dbx.NewExp("request_updates.created <= {:end}", dbx.Params{"end": dbTime(p.End)}))
	}
	var recs []*core.Record
	err = e.App.RecordQuery("request_updates").InnerJoin("requests r", dbx.NewExp("r.id = request_updates.request")).
		AndWhere(conds).OrderBy("request_updates.created ASC", "request_updates.id ASC").Limit(maxUpdates).All(&recs)
	if err != nil {
		return err
	}
	out, err := h.updateEls(e, recs)
	if err != nil {
		return err
	}
	return write(e, f, 200, updatesDoc{Updates: out}, out)
}

// updateEls shows each update with the request's status after it.
func (h *Handler) updateEls(e *core.RequestEvent, recs []*core.Record) ([]updateEl, error) {
	lang, t := h.lang(e), h.town.Get()
	reqs := map[string]*core.Record{}
	out := make([]updateEl, 0, len(recs))
	for _, u := range recs {
		req, ok := reqs[u.GetString("request")]
		if !ok {
			var err error
			if req, err = e.App.FindRecordById("requests", u.GetString("request")); err != nil {
				return nil, err
			}
			reqs[req.Id] = req
		}
		kind := u.GetString("kind")
		if kind == "comment" && requests.ByReporter(req, u) {
			continue
		}
		status, err := statusAfter(e.App, u)
		if err != nil {
			return nil, err
		}
		el := updateEl{UpdateID: u.Id, ServiceRequestID: req.GetString("number"), Status: fmsStatus[status],
			UpdatedDatetime: w3c(u.GetDateTime("created").Time(), t.Location),
			Description:     text(requests.MaskPersonal(u.GetString("body")))}
		switch {
		case kind == "reopen":
			el.Description = text(h.bundle.T(lang, "developers.note.reopened", nil))
		case kind == "status" && el.Description == "":
			el.Description = text(h.bundle.T(lang, "developers.note.status", map[string]any{
				"Status": h.bundle.T(lang, "request.status."+status, nil)}))
		}
		out = append(out, el)
	}
	return out, nil
}

// statusAfter is the request's status once update u was made: its own for
// a status change or reopening, else the last one set before it.
func statusAfter(app core.App, u *core.Record) (string, error) {
	if s := u.GetString("status"); s != "" && u.GetString("kind") != "comment" {
		return s, nil
	}
	var prev []*core.Record
	err := app.RecordQuery("request_updates").AndWhere(dbx.HashExp{"request": u.GetString("request")}).
		AndWhere(dbx.In("kind", "status", "reopen")).
		AndWhere(dbx.NewExp("created <= {:c}", dbx.Params{"c": u.GetString("created")})).
		OrderBy("created DESC").Limit(1).All(&prev)
	if err != nil || len(prev) == 0 {
		return requests.StatusNew, err
	}
	return strings.TrimSpace(prev[0].GetString("status")), nil
}
