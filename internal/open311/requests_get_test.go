package open311_test

import (
	"encoding/json"
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tools/types"
)

// specFields are the request fields of GET requests, in the spec's order.
var specFields = []string{"service_request_id", "status", "status_notes", "service_name", "service_code", "description",
	"agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address",
	"address_id", "zipcode", "lat", "long", "media_url"}

type specRequest struct {
	ID                string   `xml:"service_request_id" json:"service_request_id"`
	Status            string   `xml:"status" json:"status"`
	StatusNotes       *string  `xml:"status_notes" json:"status_notes"`
	ServiceName       string   `xml:"service_name" json:"service_name"`
	ServiceCode       string   `xml:"service_code" json:"service_code"`
	Description       string   `xml:"description" json:"description"`
	AgencyResponsible string   `xml:"agency_responsible" json:"agency_responsible"`
	ServiceNotice     string   `xml:"service_notice" json:"service_notice"`
	RequestedDatetime string   `xml:"requested_datetime" json:"requested_datetime"`
	UpdatedDatetime   string   `xml:"updated_datetime" json:"updated_datetime"`
	ExpectedDatetime  string   `xml:"expected_datetime" json:"expected_datetime"`
	Address           string   `xml:"address" json:"address"`
	Lat               *float64 `xml:"lat" json:"lat"`
	Long              *float64 `xml:"long" json:"long"`
	MediaURL          string   `xml:"media_url" json:"media_url"`
	Attributes        []struct {
		Label string `xml:"label" json:"label"`
		Name  string `xml:"name" json:"name"`
		Value string `xml:"value" json:"value"`
		Code  string `xml:"code" json:"code"`
	} `xml:"attributes>attribute" json:"attributes"`
	Extended *struct {
		Channel string `xml:"channel" json:"channel"`
		Photos  []struct {
			MediaURL string `xml:"media_url" json:"media_url"`
		} `xml:"photos>photo" json:"photos"`
	} `xml:"extended_attributes" json:"extended_attributes"`
	Notes []struct {
		Datetime    string `xml:"datetime" json:"datetime"`
		Description string `xml:"description" json:"description"`
		Type        string `xml:"type" json:"type"`
	} `xml:"notes>note" json:"notes"`
}

// getRequests reads a GET requests answer in format f, checking the
// spec's shape on the way.
func (s *server) getRequests(t testing.TB, target, f string) []specRequest {
	t.Helper()
	r := s.get(target).expect(t, 200, f)
	var out []specRequest
	if f == "xml" {
		var doc struct {
			XMLName  xml.Name      `xml:"service_requests"`
			Requests []specRequest `xml:"request"`
		}
		r.xml(t, &doc)
		return doc.Requests
	}
	r.json(t, &out)
	var raw []json.RawMessage
	r.json(t, &raw)
	for _, one := range raw {
		want := specFields
		if strings.Contains(target, "extensions=true") {
			want = append(slices.Clone(specFields), "attributes", "extended_attributes", "notes")
		}
		if got := keys(t, one); !slices.Equal(got, want) {
			t.Fatalf("JSON keys %v, want %v", got, want)
		}
	}
	return out
}

func ids(rs []specRequest) []string {
	var out []string
	for _, r := range rs {
		out = append(out, r.ID)
	}
	return out
}

// setCreated moves a request back in time.
func (s *server) setCreated(number string, t time.Time) {
	s.t.Helper()
	dt, _ := types.ParseDateTime(t.UTC())
	if _, err := s.app.DB().Update("requests", dbx.Params{"created": dt.String()}, dbx.HashExp{"number": number}).Execute(); err != nil {
		s.t.Fatal(err)
	}
}

func (s *server) setStatus(number, status string) {
	s.t.Helper()
	rec, err := s.app.FindFirstRecordByData("requests", "number", number)
	if err != nil {
		s.t.Fatal(err)
	}
	rec.Set("status", status)
	if err := s.app.Save(rec); err != nil {
		s.t.Fatal(err)
	}
}

func TestGetRequestsFilters(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	now := time.Now()
	potholeNew := s.file(pothole(key))
	potholeOld := s.file(pothole(key))
	s.setCreated(potholeOld, now.AddDate(0, 0, -40))
	light := s.file(url.Values{"api_key": {key}, "service_code": {"streetlight"}, "address_string": {"Pole 7, River Road"},
		"attribute[problem]": {"dark"}})
	s.setStatus(light, "resolved")
	ancient := s.file(pothole(key))
	s.setCreated(ancient, now.AddDate(0, 0, -100))
	// Not public: never listed.
	private := s.file(url.Values{"api_key": {key}, "service_code": {"general"}, "address_string": {"Town Hall"}, "description": {"Question"}})

	w := func(t time.Time) string { return url.QueryEscape(t.Format(time.RFC3339)) }
	for _, f := range []string{"xml", "json"} {
		base := api + "/requests." + f
		for _, tc := range []struct {
			query string
			want  []string
		}{
			{"", []string{light, potholeNew, potholeOld}},
			{"?service_code=&status=&start_date=&end_date=&page=&page_size=", []string{light, potholeNew, potholeOld}},
			{"?service_code=streetlight", []string{light}},
			{"?service_code=streetlight,pothole", []string{light, potholeNew, potholeOld}},
			{"?service_code=general", nil},
			{"?status=open", []string{potholeNew, potholeOld}},
			{"?status=closed", []string{light}},
			{"?status=open,closed", []string{light, potholeNew, potholeOld}},
			{"?start_date=" + w(now.AddDate(0, 0, -10)), []string{light, potholeNew}},
			{"?end_date=" + w(now.AddDate(0, 0, -20)), []string{potholeOld, ancient}},
			{"?start_date=" + w(now.AddDate(0, 0, -120)) + "&end_date=" + w(now.AddDate(0, 0, -35)), []string{potholeOld, ancient}},
			{"?start_date=" + now.AddDate(0, 0, -45).Format(time.DateOnly) + "&end_date=" + w(now.AddDate(0, 0, -30)), []string{potholeOld}},
			// service_request_id overrides every other filter, and private
			// requests stay out.
			{"?service_request_id=" + ancient + "," + light + "," + private + ",1999-0001&status=open&service_code=pothole", []string{light, ancient}},
			{"?page_size=2", []string{light, potholeNew}},
			{"?page_size=2&page=2", []string{potholeOld}},
			{"?page_size=2&page=3", nil},
		} {
			if got := ids(s.getRequests(t, base+tc.query, f)); !slices.Equal(got, tc.want) {
				t.Errorf("%s%s: %v, want %v", base, tc.query, got, tc.want)
			}
		}
		for _, tc := range []struct {
			query  string
			status int
			want   string
		}{
			{"?start_date=" + w(now.AddDate(0, 0, -91)) + "&end_date=" + w(now), 400, "may not span more than 90 days"},
			{"?start_date=" + w(now) + "&end_date=" + w(now.AddDate(0, 0, -1)), 400, "end_date is before start_date"},
			{"?start_date=yesterday", 400, "start_date must be a W3C date-time"},
			{"?end_date=2026-03-02T10:00:00", 400, "end_date must be a W3C date-time with a time zone"},
			{"?status=pending", 400, "status must be open, closed or both"},
			{"?page_size=1001", 400, "page_size must be a whole number from 1 to 1000"},
			{"?page=0", 400, "page must be a whole number"},
			{"?service_code=pothole,nope", 404, "service_code nope was not found"},
		} {
			d := s.get(base+tc.query).expectError(t, tc.status, f)
			if !strings.Contains(d[0], tc.want) {
				t.Errorf("%s%s: %q, want %q", base, tc.query, d, tc.want)
			}
		}
	}
	// An offset with a plus sign, sent unescaped, still parses.
	start := now.AddDate(0, 0, -10).In(time.FixedZone("", 5*3600)).Format(time.RFC3339)
	if got := ids(s.getRequests(t, api+"/requests.json?start_date="+start, "json")); !slices.Equal(got, []string{light, potholeNew}) {
		t.Errorf("start_date %s: %v", start, got)
	}
}

// One request, by number, with every field of the spec.
func TestGetOneRequest(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	number := s.file(url1(pothole(key), "description", "Deep & <wide> hole; call me on 555-867-5309 or at jo@example.com"))
	for _, f := range []string{"xml", "json"} {
		got := s.getRequests(t, api+"/requests/"+number+"."+f, f)
		if len(got) != 1 {
			t.Fatalf("%s: %d requests", f, len(got))
		}
		r := got[0]
		if r.ID != number || r.Status != "open" || r.ServiceCode != "pothole" || r.ServiceName != "Pothole" ||
			r.Description != "Deep & <wide> hole; call me on […] or at […]" || r.AgencyResponsible != "Public Works" || r.Address != "Mill Street" ||
			r.Lat == nil || *r.Lat != 42.1 || r.Long == nil || *r.Long != -71.2 || r.ServiceNotice == "" || r.MediaURL != "" {
			t.Errorf("%s: %+v", f, r)
		}
		if f == "json" && r.StatusNotes != nil {
			t.Errorf("status_notes should be null, is %q", *r.StatusNotes)
		}
		for name, v := range map[string]string{"requested": r.RequestedDatetime, "updated": r.UpdatedDatetime, "expected": r.ExpectedDatetime} {
			tm, err := time.Parse(time.RFC3339, v)
			if err != nil {
				t.Errorf("%s: %s_datetime %q: %v", f, name, v, err)
			}
			// In the town's time zone (New York), not UTC.
			if _, off := tm.Zone(); off != -4*3600 && off != -5*3600 {
				t.Errorf("%s: %s_datetime %q is not in the town's time zone", f, name, v)
			}
		}
		if r.Attributes != nil || r.Extended != nil || r.Notes != nil {
			t.Errorf("%s: extensions without extensions=true", f)
		}
	}
	// Private, unknown and malformed ids are not found.
	private := s.file(url.Values{"api_key": {key}, "service_code": {"general"}, "address_string": {"Town Hall"}, "description": {"Question"}})
	for _, id := range []string{private, "1999-0001", "not-a-number"} {
		for _, f := range []string{"xml", "json"} {
			d := s.get(api+"/requests/"+id+"."+f).expectError(t, 404, f)
			if !strings.Contains(d[0], "service_request_id "+id+" was not found") {
				t.Errorf("%s: %q", id, d)
			}
		}
	}
	// A lone address: lat and long are null, and empty in XML.
	noPoint := s.file(url.Values{"api_key": {key}, "service_code": {"pothole"}, "address_string": {"5 Elm"}, "attribute[size]": {"small"}})
	if r := s.get(api + "/requests/" + noPoint + ".json"); !strings.Contains(r.Body, `"lat": null`) || !strings.Contains(r.Body, `"long": null`) {
		t.Errorf("JSON without a point: %s", r.Body)
	}
	if r := s.get(api + "/requests/" + noPoint + ".xml"); !strings.Contains(r.Body, "<lat></lat>") {
		t.Errorf("XML without a point: %s", r.Body)
	}
}

// extensions=true adds the answers, the channel, the photos and the public
// history; internal notes stay internal.
func TestExtensions(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	number := s.file(url.Values{"api_key": {key}, "service_code": {"missed-pickup"}, "address_string": {"3 Elm Street"},
		"email": {"r@example.com"}, "attribute[bins][]": {"trash", "recycling"}, "attribute[collection_day]": {"2026-03-02"}})
	rec, _ := s.app.FindFirstRecordByData("requests", "number", number)
	for _, u := range []struct{ kind, status, body string }{
		{"status", "in_progress", ""}, {"note", "", "Driver was sick"}, {"comment", "", "A truck is on its way. Questions: 555.010.0199"},
	} {
		addUpdate(t, s.app, rec.Id, u.kind, u.status, u.body)
	}
	for _, f := range []string{"xml", "json"} {
		got := s.getRequests(t, api+"/requests/"+number+"."+f+"?extensions=true&locale=es", f)[0]
		var answers []string
		for _, a := range got.Attributes {
			answers = append(answers, a.Name+"="+a.Code+"="+a.Value)
		}
		want := []string{"bins=trash=Basura", "bins=recycling=Reciclaje", "collection_day=2026-03-02=2026-03-02"}
		if !slices.Equal(answers, want) || got.Attributes[0].Label != "¿Qué contenedores no se recogieron?" {
			t.Errorf("%s: attributes %v", f, got.Attributes)
		}
		if got.Extended == nil || got.Extended.Channel != "open311" || len(got.Extended.Photos) != 0 {
			t.Errorf("%s: extended_attributes %+v", f, got.Extended)
		}
		var notes []string
		for _, n := range got.Notes {
			notes = append(notes, n.Type+": "+n.Description)
		}
		wantNotes := []string{"submitted: Solicitud recibida", "status: Cambió el estado a: En curso", "comment: A truck is on its way. Questions: […]"}
		if !slices.Equal(notes, wantNotes) {
			t.Errorf("%s: notes %q, want %q", f, notes, wantNotes)
		}
		if got.StatusNotes == nil || *got.StatusNotes != "A truck is on its way. Questions: […]" || got.Status != "open" {
			t.Errorf("%s: status %q, notes %v", f, got.Status, got.StatusNotes)
		}
	}
	if r := s.get(api + "/requests.json?extensions=true"); strings.Contains(r.Body, "Driver was sick") {
		t.Error("an internal note is public")
	}
}
