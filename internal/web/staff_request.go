package web

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/requests/desk"
	"github.com/townhall/townhall/internal/town"
)

// staffRequestData is everything about one request, for the desk.
type staffRequestData struct {
	Number, Status, Priority, Channel, Language string
	Service, Department, Description, Address   string
	MapURL                                      string
	Created, ClosedAt                           timeText
	Due                                         dueText
	Public                                      bool
	Satisfaction                                string // the reporter's "is it fixed?": yes, no or ""
	Reopens                                     int
	Reporter                                    reporterView
	Answers                                     []answerView
	Photos, Documents                           []fileLink
	Timeline                                    []eventView
	Followers                                   []reporterView
	Assignee                                    string // user id
	AssigneeName                                string
	Assignable                                  []option
	Statuses, Priorities                        []string
	Form                                        *Form
	// What the public sees (after masking), and the request it duplicates.
	PublicDescription, PublicAddress string
	Withheld                         bool
	DuplicateOf                      string
	Missing                          []requests.Attribute // required questions left unanswered
	Templates                        []option
	ResidentLanguage                 string
}

// reporterView is who reported a request (or follows it).
type reporterView struct {
	Name, Email, Phone string
	Account            bool
}

type fileLink struct{ Name, Href string }

type eventView struct {
	desk.Event
	When timeText
}

// staffRequest is the desk's request screen.
func (h *Handler) staffRequest(e *core.RequestEvent, lang string, s *desk.Staff) error {
	req, ok, err := h.staffFind(e, lang, s)
	if !ok {
		return err
	}
	f := &Form{Values: map[string][]string{}}
	if id := e.Request.URL.Query().Get("template"); id != "" {
		h.useTemplate(e.App, lang, req, id, f)
	}
	return h.renderStaffRequest(e, lang, s, req, f, http.StatusOK)
}

// staffFind loads the request in the path, or answers 404 or 403 (ok false).
func (h *Handler) staffFind(e *core.RequestEvent, lang string, s *desk.Staff) (*core.Record, bool, error) {
	req, err := requests.ByNumber(e.App, e.Request.PathValue("number"))
	if err != nil {
		return nil, false, h.notFound(e, lang)
	}
	if !s.Sees(req) {
		return nil, false, h.forbidden(e, lang)
	}
	return req, true, nil
}

func (h *Handler) renderStaffRequest(e *core.RequestEvent, lang string, s *desk.Staff, req *core.Record, f *Form, status int) error {
	d, err := h.staffRequestData(e.App, lang, req)
	if err != nil {
		return h.fail(e, lang, err)
	}
	if f.Values == nil {
		f.Values = map[string][]string{}
	}
	if _, ok := f.Values["published_description"]; !ok {
		f.Values["published_description"] = []string{req.GetString("published_description")}
		f.Values["published_address"] = []string{req.GetString("published_address")}
	}
	d.Form = f
	v := h.staffView(e, lang, "/staff/requests/"+d.Number, h.bundle.T(lang, "request.track.title", map[string]any{"Number": d.Number}), s)
	v.Data = d
	return h.render(e, status, "staff_request", v)
}

func (h *Handler) staffRequestData(app core.App, lang string, req *core.Record) (*staffRequestData, error) {
	t := h.town.Get()
	number := req.GetString("number")
	d := &staffRequestData{
		Number: number, Status: req.GetString("status"), Priority: req.GetString("priority"), Channel: req.GetString("channel"),
		Language: req.GetString("language"), Description: req.GetString("description"), Address: req.GetString("address"),
		Public: req.GetBool("public"), Assignee: req.GetString("assignee"),
		Created: h.timeText(lang, req.GetDateTime("created").Time()), ClosedAt: h.timeText(lang, req.GetDateTime("closed_at").Time()),
		Satisfaction: req.GetString("satisfaction"), Reopens: req.GetInt("reopens"),
		Due: h.dueText(lang, req, h.now()), Statuses: desk.Statuses, Priorities: desk.Priorities,
	}
	if p := req.GetGeoPoint("location"); p.Lat != 0 || p.Lon != 0 {
		d.MapURL = fmt.Sprintf("https://www.openstreetmap.org/?mlat=%.6f&mlon=%.6f#map=18/%.6f/%.6f", p.Lat, p.Lon, p.Lat, p.Lon)
	}
	svcRec, err := app.FindRecordById("services", req.GetString("service"))
	if err != nil {
		return nil, fmt.Errorf("service of %s: %w", number, err)
	}
	svc, err := requests.ServiceIn(svcRec, lang, t.DefaultLanguage)
	if err != nil {
		return nil, err
	}
	d.Service = svc.Name
	if err := h.staffExtras(app, lang, req, svc, d); err != nil {
		return nil, err
	}
	if dep, err := app.FindRecordById("departments", req.GetString("department")); err == nil {
		d.Department = town.DepartmentIn(dep, lang, t.DefaultLanguage).Name
	}
	var answers map[string]any
	if err := req.UnmarshalJSONField("answers", &answers); err != nil {
		return nil, fmt.Errorf("answers of %s: %w", number, err)
	}
	for _, a := range svc.Attributes {
		if v, ok := answers[a.Code]; ok {
			d.Answers = append(d.Answers, answerView{Question: requests.In(a.Description, lang, t.DefaultLanguage), Answer: answerText(a, v, lang, t.DefaultLanguage)})
		}
	}
	base := "/" + lang + "/staff/requests/" + url.PathEscape(number) + "/files/"
	for _, n := range req.GetStringSlice("photos") {
		d.Photos = append(d.Photos, fileLink{n, base + url.PathEscape(n)})
	}
	for _, n := range req.GetStringSlice("documents") {
		d.Documents = append(d.Documents, fileLink{n, base + url.PathEscape(n)})
	}
	if err := h.staffPeople(app, lang, req, d); err != nil {
		return nil, err
	}
	events, err := desk.Timeline(app, req)
	if err != nil {
		return nil, err
	}
	for _, ev := range events {
		d.Timeline = append(d.Timeline, eventView{Event: ev, When: h.timeText(lang, ev.When)})
	}
	return d, nil
}

// staffPeople fills in the reporter, the followers and the staff the
// request can be assigned to.
func (h *Handler) staffPeople(app core.App, lang string, req *core.Record, d *staffRequestData) error {
	d.Reporter = reporterView{Name: req.GetString("contact_name"), Email: req.GetString("contact_email"), Phone: req.GetString("contact_phone")}
	if id := req.GetString("reporter"); id != "" {
		if u, err := app.FindRecordById("users", id); err == nil {
			d.Reporter = reporterView{Name: u.GetString("name"), Email: u.Email(), Phone: u.GetString("phone"), Account: true}
		}
	}
	followers, err := desk.Followers(app, req)
	if err != nil {
		return err
	}
	for _, u := range followers {
		d.Followers = append(d.Followers, reporterView{Name: u.GetString("name"), Email: u.Email(), Account: true})
	}
	staff, err := desk.Assignable(app, req)
	if err != nil {
		return err
	}
	for _, u := range staff {
		d.Assignable = append(d.Assignable, option{u.Id, displayName(u)})
		if u.Id == d.Assignee {
			d.AssigneeName = displayName(u)
		}
	}
	if d.Assignee != "" && d.AssigneeName == "" {
		if u, err := app.FindRecordById("users", d.Assignee); err == nil {
			d.AssigneeName = displayName(u)
			d.Assignable = append(d.Assignable, option{u.Id, displayName(u)})
		}
	}
	return nil
}

// staffFile serves a request's photo or document to the staff who see it.
func (h *Handler) staffFile(e *core.RequestEvent, lang string, s *desk.Staff) error {
	req, ok, err := h.staffFind(e, lang, s)
	if !ok {
		return err
	}
	name := e.Request.PathValue("name")
	if !slices.Contains(req.GetStringSlice("photos"), name) && !slices.Contains(req.GetStringSlice("documents"), name) {
		return h.notFound(e, lang)
	}
	fsys, err := e.App.NewFilesystem()
	if err != nil {
		return h.fail(e, lang, err)
	}
	defer fsys.Close()
	e.Response.Header().Set("Content-Disposition", "attachment; filename="+fmt.Sprintf("%q", name))
	if err := fsys.Serve(e.Response, e.Request, req.BaseFilesPath()+"/"+name, name); err != nil {
		return h.notFound(e, lang)
	}
	return nil
}
