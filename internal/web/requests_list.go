package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

const listPage = 50

type listRow struct {
	Number, Status, Service, Address string
	Created                          time.Time
}

type listData struct {
	Rows               []listRow
	Services           []*requests.Service
	Service, Status    string
	Total, Page, Pages int
}

// requestsList is the public list of requests, filtered by service and
// status. It shows no one's name or contact: only public requests, and only
// what they are and where.
func (h *Handler) requestsList(e *core.RequestEvent, lang string) error {
	q := e.Request.URL.Query()
	def := h.town.Get().DefaultLanguage
	services, err := requests.Services(e.App, lang, def)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := listData{Services: services, Service: q.Get("service"), Status: q.Get("status"), Page: 1}
	f := requests.ListFilter{Public: true, Limit: listPage}
	for _, s := range services {
		if s.Code == d.Service {
			f.ServiceID = s.ID
		}
	}
	if d.Status == "open" || d.Status == "closed" {
		f.Status = d.Status
	} else {
		d.Status = ""
	}
	if p, err := strconv.Atoi(q.Get("page")); err == nil && p > 1 {
		d.Page = p
	}
	f.Offset = (d.Page - 1) * listPage
	recs, total, err := requests.List(e.App, f)
	if err != nil {
		return h.fail(e, lang, err)
	}
	names := map[string]string{}
	for _, s := range services {
		names[s.ID] = s.Name
	}
	for _, r := range recs {
		d.Rows = append(d.Rows, listRow{Number: r.GetString("number"), Status: r.GetString("status"),
			Service: names[r.GetString("service")], Address: requests.PublicAddress(r), Created: r.GetDateTime("created").Time()})
	}
	d.Total, d.Pages = total, (total+listPage-1)/listPage
	v := h.view(e, lang, "/requests")
	v.Title = h.bundle.T(lang, "request.list.title", nil)
	v.Data = d
	return h.render(e, http.StatusOK, "requests_list", v)
}

type myData struct {
	Own, Followed []listRow
	Drafts        []*requests.Service
}

// myRequests lists the resident's own requests, the ones they follow, and
// their unfinished drafts.
func (h *Handler) myRequests(e *core.RequestEvent, lang string) error {
	def := h.town.Get().DefaultLanguage
	services, err := requests.Services(e.App, lang, def)
	if err != nil {
		return h.fail(e, lang, err)
	}
	names := map[string]*requests.Service{}
	for _, s := range services {
		names[s.ID] = s
	}
	// The resident's own requests show the address they gave; the ones they
	// follow are other people's, shown as the public sees them.
	row := func(r *core.Record) listRow {
		name := ""
		if s := names[r.GetString("service")]; s != nil {
			name = s.Name
		}
		addr := requests.PublicAddress(r)
		if r.GetString("reporter") == e.Auth.Id {
			addr = r.GetString("address")
		}
		return listRow{Number: r.GetString("number"), Status: r.GetString("status"), Service: name,
			Address: addr, Created: r.GetDateTime("created").Time()}
	}
	d := myData{}
	own, _, err := requests.List(e.App, requests.ListFilter{Reporter: e.Auth.Id})
	if err != nil {
		return h.fail(e, lang, err)
	}
	for _, r := range own {
		d.Own = append(d.Own, row(r))
	}
	followed, err := requests.Followed(e.App, e.Auth.Id)
	if err != nil {
		return h.fail(e, lang, err)
	}
	for _, r := range followed {
		d.Followed = append(d.Followed, row(r))
	}
	drafts, err := e.App.FindRecordsByFilter("drafts", "user = {:u}", "-updated", 0, 0, map[string]any{"u": e.Auth.Id})
	if err != nil {
		return h.fail(e, lang, err)
	}
	for _, dr := range drafts {
		if s := names[dr.GetString("service")]; s != nil {
			d.Drafts = append(d.Drafts, s)
		}
	}
	v := h.view(e, lang, "/my-requests")
	v.Title = h.bundle.T(lang, "request.mine.title", nil)
	v.NoIndex = true
	v.Data = d
	return h.render(e, http.StatusOK, "my_requests", v)
}
