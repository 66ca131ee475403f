package open311

import (
	"encoding/xml"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// requestEl is a request as GET shows it: the spec's fields in the spec's
// order, then the extensions when asked for. It is built from the public
// fields only; the reporter's name, email, phone and account, the device
// and the key never reach it. Free text is shown as the public sees it
// (requests.PublicDescription, PublicAddress, MaskPersonal), and the map
// point is rounded to about 100 m, the size of a block.
type requestEl struct {
	ServiceRequestID  string          `xml:"service_request_id" json:"service_request_id"`
	Status            string          `xml:"status" json:"status"`
	StatusNotes       text            `xml:"status_notes" json:"status_notes"`
	ServiceName       text            `xml:"service_name" json:"service_name"`
	ServiceCode       text            `xml:"service_code" json:"service_code"`
	Description       text            `xml:"description" json:"description"`
	AgencyResponsible text            `xml:"agency_responsible" json:"agency_responsible"`
	ServiceNotice     text            `xml:"service_notice" json:"service_notice"`
	RequestedDatetime text            `xml:"requested_datetime" json:"requested_datetime"`
	UpdatedDatetime   text            `xml:"updated_datetime" json:"updated_datetime"`
	ExpectedDatetime  text            `xml:"expected_datetime" json:"expected_datetime"`
	Address           text            `xml:"address" json:"address"`
	AddressID         text            `xml:"address_id" json:"address_id"`
	Zipcode           text            `xml:"zipcode" json:"zipcode"`
	Lat               number          `xml:"lat" json:"lat"`
	Long              number          `xml:"long" json:"long"`
	MediaURL          text            `xml:"media_url" json:"media_url"`
	Attributes        *list[answerEl] `xml:"attributes,omitempty" json:"attributes,omitempty"`
	Extended          *extendedEl     `xml:"extended_attributes,omitempty" json:"extended_attributes,omitempty"`
	Notes             *list[noteEl]   `xml:"notes,omitempty" json:"notes,omitempty"`
}

type requestsDoc struct {
	XMLName  xml.Name    `xml:"service_requests"`
	Requests []requestEl `xml:"request"`
}

// answerEl is one answer to a service question (extensions): label is the
// question, name its code, value the answer as shown, code the value's key.
type answerEl struct {
	Label string `xml:"label" json:"label"`
	Name  string `xml:"name" json:"name"`
	Value string `xml:"value" json:"value"`
	Code  string `xml:"code" json:"code"`
}

type extendedEl struct {
	Channel string        `xml:"channel" json:"channel"`
	Photos  list[photoEl] `xml:"photos" json:"photos"`
}

type photoEl struct {
	MediaURL  string `xml:"media_url" json:"media_url"`
	CreatedAt string `xml:"created_at" json:"created_at"`
}

// noteEl is one public entry of the timeline (extensions).
type noteEl struct {
	Datetime    string `xml:"datetime" json:"datetime"`
	Description string `xml:"description" json:"description"`
	Type        string `xml:"type" json:"type"`
}

// viewer builds requestEls for one response: it caches services and
// departments, which many requests share.
type viewer struct {
	h          *Handler
	app        core.App
	lang, def  string
	loc        *time.Location
	base       string // site origin, for photo URLs
	extensions bool
	services   map[string]*requests.Service
	agencies   map[string]string
}

func (h *Handler) newViewer(e *core.RequestEvent, extensions bool) *viewer {
	t := h.town.Get()
	return &viewer{
		h: h, app: e.App, lang: h.lang(e), def: t.DefaultLanguage, loc: t.Location, extensions: extensions,
		base: town.AbsURL(e.App, ""), services: map[string]*requests.Service{}, agencies: map[string]string{},
	}
}

// Status maps the town's workflow onto Open311's two statuses.
func Status(internal string) string {
	if requests.IsOpen(internal) {
		return "open"
	}
	return "closed"
}

func (v *viewer) request(r *core.Record) (requestEl, error) {
	svc, err := v.service(r.GetString("service"))
	if err != nil {
		return requestEl{}, err
	}
	timeline, err := requests.Timeline(v.app, r, false)
	if err != nil {
		return requestEl{}, err
	}
	timeline = requests.PublicEntries(timeline)
	desc, _ := requests.PublicDescription(r)
	status := Status(r.GetString("status"))
	updated := r.GetDateTime("updated").Time()
	if status == "closed" && !r.GetDateTime("closed_at").IsZero() {
		updated = r.GetDateTime("closed_at").Time()
	}
	el := requestEl{
		ServiceRequestID: r.GetString("number"), Status: status, StatusNotes: text(statusNotes(timeline)),
		ServiceName: text(svc.Name), ServiceCode: text(svc.Code), Description: text(desc),
		AgencyResponsible: text(v.agency(r.GetString("department"))), ServiceNotice: text(v.h.notice(v.lang, svc)),
		RequestedDatetime: text(w3c(r.GetDateTime("created").Time(), v.loc)), UpdatedDatetime: text(w3c(updated, v.loc)),
		ExpectedDatetime: text(w3c(r.GetDateTime("due").Time(), v.loc)), Address: text(requests.PublicAddress(r)),
		MediaURL: text(r.GetString("media_url")),
	}
	if p := r.GetGeoPoint("location"); p.Lat != 0 || p.Lon != 0 {
		el.Lat, el.Long = someNumber(toBlock(p.Lat)), someNumber(toBlock(p.Lon))
	}
	photos := v.photos(r)
	if len(photos) > 0 {
		el.MediaURL = text(photos[0].MediaURL)
	}
	if v.extensions {
		el.Attributes = &list[answerEl]{Name: "attribute", Items: v.answers(r, svc)}
		el.Extended = &extendedEl{Channel: r.GetString("channel"), Photos: list[photoEl]{Name: "photo", Items: photos}}
		el.Notes = &list[noteEl]{Name: "note", Items: v.notes(r, timeline)}
	}
	return el, nil
}

// statusNotes is the town's latest public word: a comment, or the note
// the clerk wrote with a status change, explaining why the request is where
// it is. Comments by the reporter are not the town's explanation.
func statusNotes(timeline []requests.Entry) string {
	for i := len(timeline) - 1; i >= 0; i-- {
		en := timeline[i]
		if (en.Kind == "comment" || en.Kind == "status") && !en.ByReporter && en.Body != "" {
			return en.Body
		}
	}
	return ""
}

func (v *viewer) service(id string) (*requests.Service, error) {
	if s, ok := v.services[id]; ok {
		return s, nil
	}
	rec, err := v.app.FindRecordById("services", id)
	if err != nil {
		return nil, err
	}
	s, err := requests.ServiceIn(rec, v.lang, v.def)
	if err != nil {
		return nil, err
	}
	v.services[id] = s
	return s, nil
}

func (v *viewer) agency(id string) string {
	if id == "" {
		return ""
	}
	if name, ok := v.agencies[id]; ok {
		return name
	}
	name := ""
	if rec, err := v.app.FindRecordById("departments", id); err == nil {
		name = town.DepartmentIn(rec, v.lang, v.def).Name
	}
	v.agencies[id] = name
	return name
}

// toBlock rounds a coordinate to three decimals (about 110 m of latitude):
// near enough to find the pothole, not the house.
func toBlock(deg float64) float64 { return math.Round(deg*1000) / 1000 }

// photos are the request's photos at the site's address for them (only
// public requests are shown here, and the site serves their photos to
// anyone).
func (v *viewer) photos(r *core.Record) []photoEl {
	var out []photoEl
	for _, name := range r.GetStringSlice("photos") {
		out = append(out, photoEl{
			MediaURL:  v.base + requests.PhotoPath(r.GetString("number"), name),
			CreatedAt: w3c(r.GetDateTime("created").Time(), v.loc),
		})
	}
	return out
}

// answers lists the answers to the service's questions, one entry per
// chosen value of a list.
func (v *viewer) answers(r *core.Record, svc *requests.Service) []answerEl {
	var stored map[string]any
	if err := r.UnmarshalJSONField("answers", &stored); err != nil {
		return nil
	}
	var out []answerEl
	for _, a := range svc.Attributes {
		val, ok := stored[a.Code]
		if !ok {
			continue
		}
		label := requests.In(a.Description, v.lang, v.def)
		for _, s := range answerStrings(val) {
			el := answerEl{Label: label, Name: a.Code, Value: s, Code: s}
			for _, opt := range a.Values {
				if opt.Key == s {
					el.Value = requests.In(opt.Name, v.lang, v.def)
				}
			}
			out = append(out, el)
		}
	}
	return out
}

func answerStrings(val any) []string {
	switch x := val.(type) {
	case []any:
		var out []string
		for _, it := range x {
			out = append(out, answerStrings(it)...)
		}
		return out
	case float64:
		return []string{strconv.FormatFloat(x, 'f', -1, 64)}
	case nil:
		return nil
	default:
		return []string{strings.TrimSpace(fmt.Sprint(x))}
	}
}

// notes is the public timeline, starting with the request's arrival.
func (v *viewer) notes(r *core.Record, timeline []requests.Entry) []noteEl {
	out := []noteEl{{Datetime: w3c(r.GetDateTime("created").Time(), v.loc), Type: "submitted",
		Description: v.h.bundle.T(v.lang, "developers.note.submitted", nil)}}
	for _, en := range timeline {
		n := noteEl{Datetime: w3c(en.Created, v.loc), Type: en.Kind, Description: en.Body}
		switch en.Kind {
		case "status":
			n.Description = v.h.bundle.T(v.lang, "developers.note.status", map[string]any{
				"Status": v.h.bundle.T(v.lang, "request.status."+en.Status, nil)})
			if en.Body != "" {
				n.Description += "\n" + en.Body
			}
		case "reopen":
			if n.Description == "" {
				n.Description = v.h.bundle.T(v.lang, "developers.note.reopened", nil)
			}
		}
		out = append(out, n)
	}
	return out
}
