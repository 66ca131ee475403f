package web

import (
	"net/http"
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
	Rows            []listRow
	Services        []*requests.Service
	Service, Status string
	Total           int
	More            bool   // more than Total match (counting stops there)
	Newer, Older    string // cursors of the previous and next pages
}

// requestsList is the public list of requests, filtered by service and
// status. It shows no one's name or contact: only public requests, and only
// what they are and where. Pages go by keyset (?after= or ?before= a
// request number), so plain links page through it without JavaScript and
// a deep page costs what the first does.
func (h *Handler) requestsList(e *core.RequestEvent, lang string) error {
	q := e.Request.URL.Query()
	def := h.town.Get().DefaultLanguage
	services, err := requests.Services(e.App, lang, def)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := listData{Services: services, Service: q.Get("service"), Status: q.Get("status")}
	f := requests.PageFilter{Limit: listPage, After: q.Get("after"), Before: q.Get("before")}
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
	page, err := requests.PublicPage(e.App, f)
	if err != nil {
		return h.fail(e, lang, err)
	}
	names := map[string]string{}
	for _, s := range services {
		names[s.ID] = s.Name
	}
	for _, r := range page.Records {
		d.Rows = append(d.Rows, listRow{Number: r.GetString("number"), Status: r.GetString("status"),
			Service: names[r.GetString("service")], Address: requests.PublicAddress(r), Created: r.GetDateTime("created").Time()})
	}
	d.Total, d.More = page.Total, page.More
	if n := len(d.Rows); n > 0 {
		if page.Newer {
			d.Newer = d.Rows[0].Number
		}
		if page.Older {
			d.Older = d.Rows[n-1].Number
		}
	}
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
