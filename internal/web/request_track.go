package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// trackData is a request as its tracking page shows it. Private holds the
// reporter's own details and is filled only for the reporter.
type trackData struct {
	Number, Status, ServiceName, ServiceCode string
	Created, Due, ClosedAt                   time.Time
	Public                                   bool
	Description, Address                     string // masked for the public; as filed for the reporter and staff
	DescriptionWithheld                      bool   // came by email or SMS and staff have not published it
	Timeline                                 []requests.Entry
	Private                                  *privateView
	Key                                      string // the signed private key, when shown by link
	Mine, Following, CanFollow, CanReopen    bool
	Form                                     *Form
	Fee                                      *feeView // the service's fee, for the reporter
}

// feeView is a request's fee as its reporter sees it.
type feeView struct {
	ID, Amount string
	Paid, Pay  bool // Pay: the reporter may pay online now
}

type privateView struct {
	ContactName, ContactEmail, ContactPhone, Channel string
	MailCapped                                       bool // no confirmation was emailed (daily cap)
	Answers                                          []answerView
	Photos                                           []string // thumbnail URLs
}

type answerView struct{ Question, Answer string }

// track is the public tracking page of a request; the reporter (signed in,
// or with the signed link) also sees their own details and can comment or
// reopen.
func (h *Handler) track(e *core.RequestEvent, lang string) error {
	req, err := requests.ByNumber(e.App, e.Request.PathValue("number"))
	if err != nil {
		return h.notFound(e, lang)
	}
	return h.renderTrack(e, lang, req, http.StatusOK, &Form{}, "request_track")
}

// received is the confirmation page, shown once after sending.
func (h *Handler) received(e *core.RequestEvent, lang string) error {
	req, err := requests.ByNumber(e.App, e.Request.PathValue("number"))
	if err != nil || !requests.Verify(e.App, "private", req.GetString("number"), e.Request.URL.Query().Get("key")) {
		return h.notFound(e, lang)
	}
	return h.renderTrack(e, lang, req, http.StatusOK, &Form{}, "request_received")
}

func (h *Handler) renderTrack(e *core.RequestEvent, lang string, req *core.Record, status int, f *Form, page string) error {
	d, err := h.trackData(e, lang, req)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d.Form = f
	path := "/requests/" + d.Number
	if page == "request_received" {
		path += "/received"
	}
	v := h.view(e, lang, path)
	v.Title = h.bundle.T(lang, "request.track.title", map[string]any{"Number": d.Number})
	v.NoIndex = !d.Public || d.Private != nil
	v.Data = d
	return h.render(e, status, page, v)
}

// isReporter reports whether the visitor reported req: signed in as the
// reporter, or holding the signed private key.
func (h *Handler) isReporter(e *core.RequestEvent, req *core.Record) (bool, string) {
	if e.Auth != nil && req.GetString("reporter") != "" && e.Auth.Id == req.GetString("reporter") {
		return true, ""
	}
	key := e.Request.URL.Query().Get("key")
	if key == "" {
		key = e.Request.PostFormValue("key")
	}
	if key != "" && requests.Verify(e.App, "private", req.GetString("number"), key) {
		return true, key
	}
	return false, ""
}

func (h *Handler) trackData(e *core.RequestEvent, lang string, req *core.Record) (*trackData, error) {
	def := h.town.Get().DefaultLanguage
	d := &trackData{
		Number: req.GetString("number"), Status: req.GetString("status"), Public: req.GetBool("public"),
		Created: req.GetDateTime("created").Time(), Due: req.GetDateTime("due").Time(), ClosedAt: req.GetDateTime("closed_at").Time(),
	}
	svcRec, err := e.App.FindRecordById("services", req.GetString("service"))
	if err != nil {
		return nil, err
	}
	svc, err := requests.ServiceIn(svcRec, lang, def)
	if err != nil {
		return nil, err
	}
	d.ServiceName, d.ServiceCode = svc.Name, svc.Code
	if d.Timeline, err = requests.Timeline(e.App, req, false); err != nil {
		return nil, err
	}
	if err := requests.TranslateAuthors(e.App, d.Timeline, lang, def); err != nil {
		return nil, err
	}
	mine, key := h.isReporter(e, req)
	d.Key, d.Mine = key, mine
	switch {
	case mine || requests.IsStaff(e.Auth):
		d.Description, d.Address = req.GetString("description"), req.GetString("address")
		d.Private = h.privateView(e, lang, req, svc, key)
	case d.Public:
		d.Description, d.DescriptionWithheld = requests.PublicDescription(req)
		d.Address = requests.PublicAddress(req)
		d.Timeline = requests.PublicEntries(d.Timeline)
	default:
		d.Timeline = requests.PublicEntries(d.Timeline)
	}
	if fee := req.GetFloat("fee"); mine && fee > 0 {
		d.Fee = &feeView{ID: req.Id, Amount: money(fee), Paid: req.GetBool("paid"),
			Pay: e.Auth != nil && e.Auth.Id == req.GetString("reporter") && h.payOnline(e.App)}
	}
	if mine {
		d.CanReopen = !requests.IsOpen(d.Status) && time.Since(d.ClosedAt) < requests.ReopenWindow
	} else if e.Auth != nil && d.Public {
		d.CanFollow = true
		d.Following = requests.IsFollowing(e.App, e.Auth.Id, req.Id)
	}
	return d, nil
}

func (h *Handler) privateView(e *core.RequestEvent, lang string, req *core.Record, svc *requests.Service, key string) *privateView {
	def := h.town.Get().DefaultLanguage
	p := &privateView{
		ContactName: req.GetString("contact_name"), ContactEmail: req.GetString("contact_email"),
		ContactPhone: req.GetString("contact_phone"), Channel: req.GetString("channel"), MailCapped: req.GetBool("mail_capped"),
	}
	var answers map[string]any
	_ = req.UnmarshalJSONField("answers", &answers)
	for _, a := range svc.Attributes {
		if v, ok := answers[a.Code]; ok {
			p.Answers = append(p.Answers, answerView{Question: requests.In(a.Description, lang, def), Answer: answerText(a, v, lang, def)})
		}
	}
	for _, name := range req.GetStringSlice("photos") {
		q := url.Values{"thumb": {"320x240"}}
		if key != "" {
			q.Set("key", key)
		}
		p.Photos = append(p.Photos, requests.PhotoPath(req.GetString("number"), name)+"?"+q.Encode())
	}
	return p
}
