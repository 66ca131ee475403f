package open311_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestDiscovery(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	type endpoint struct {
		Specification string   `xml:"specification" json:"specification"`
		URL           string   `xml:"url" json:"url"`
		Changeset     string   `xml:"changeset" json:"changeset"`
		Type          string   `xml:"type" json:"type"`
		Formats       []string `xml:"formats>format" json:"formats"`
	}
	type discovery struct {
		XMLName    xml.Name   `xml:"discovery" json:"-"`
		Changeset  string     `xml:"changeset" json:"changeset"`
		Contact    string     `xml:"contact" json:"contact"`
		KeyService string     `xml:"key_service" json:"key_service"`
		Endpoints  []endpoint `xml:"endpoints>endpoint" json:"endpoints"`
	}
	for _, f := range []string{"xml", "json"} {
		var d discovery
		r := s.get(api+"/discovery."+f).expect(t, 200, f)
		r.decode(t, f, &d)
		if f == "json" {
			var raw map[string]json.RawMessage
			r.json(t, &raw)
			if got := keys(t, json.RawMessage(r.Body)); !slices.Equal(got, []string{"changeset", "contact", "key_service", "endpoints"}) {
				t.Errorf("JSON keys %v", got)
			}
		}
		if len(d.Endpoints) != 1 {
			t.Fatalf("%s: endpoints %+v", f, d.Endpoints)
		}
		ep := d.Endpoints[0]
		if ep.Specification != "http://wiki.open311.org/GeoReport_v2" || !strings.HasSuffix(ep.URL, "/open311/v2") ||
			ep.Type != "production" || !slices.Equal(ep.Formats, []string{"text/xml", "application/json"}) {
			t.Errorf("%s: endpoint %+v", f, ep)
		}
		if _, err := time.Parse(time.RFC3339, d.Changeset); err != nil || d.Changeset != ep.Changeset {
			t.Errorf("%s: changeset %q / %q", f, d.Changeset, ep.Changeset)
		}
		if !strings.Contains(d.Contact, "clerk@testville.example") || !strings.Contains(d.KeyService, "/developers") {
			t.Errorf("%s: contact %q, key_service %q", f, d.Contact, d.KeyService)
		}
	}
}

type serviceEntry struct {
	Code        string `xml:"service_code" json:"service_code"`
	Name        string `xml:"service_name" json:"service_name"`
	Description string `xml:"description" json:"description"`
	Metadata    bool   `xml:"metadata" json:"metadata"`
	Type        string `xml:"type" json:"type"`
	Keywords    string `xml:"keywords" json:"keywords"`
	Group       string `xml:"group" json:"group"`
}

// The service list is the one test of the API against the demo town, on
// purpose: its whole catalogue, as a client sees it.
func TestServiceList(t *testing.T) {
	t.Parallel()
	s := newDemoServer(t)
	for _, f := range []string{"xml", "json"} {
		var list []serviceEntry
		r := s.get(api+"/services."+f).expect(t, 200, f)
		if f == "xml" {
			var doc struct {
				XMLName  xml.Name       `xml:"services"`
				Services []serviceEntry `xml:"service"`
			}
			r.xml(t, &doc)
			list = doc.Services
		} else {
			r.json(t, &list)
			var raw []json.RawMessage
			r.json(t, &raw)
			want := []string{"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
			if got := keys(t, raw[0]); !slices.Equal(got, want) {
				t.Errorf("JSON keys %v, want %v", got, want)
			}
		}
		if len(list) != 12 {
			t.Errorf("%s: %d services, want the demo town's 12", f, len(list))
		}
		byCode := map[string]serviceEntry{}
		for _, e := range list {
			byCode[e.Code] = e
			if e.Type != "realtime" {
				t.Errorf("%s: %s type %q", f, e.Code, e.Type)
			}
		}
		if p := byCode["pothole"]; p.Name != "Pothole" || !p.Metadata || p.Group != "Streets" || !strings.Contains(p.Keywords, "asphalt") {
			t.Errorf("%s: pothole %+v", f, p)
		}
		if g := byCode["general"]; g.Metadata {
			t.Errorf("%s: general has no questions, so metadata should be false", f)
		}
	}
}

// The locale parameter, or else Accept-Language, picks the language of
// names; empty means absent.
func TestServiceListLanguage(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for _, tc := range []struct {
		url, accept, want string
	}{
		{api + "/services.json?locale=es", "", `"service_name": "Bache"`},
		{api + "/services.json", "es-MX,es;q=0.9", `"service_name": "Bache"`},
		{api + "/services.json?locale=", "", `"service_name": "Pothole"`},
		{api + "/services.json?locale=en", "es", `"service_name": "Pothole"`},
	} {
		r := s.do("GET", tc.url, nil, map[string]string{"Accept-Language": tc.accept}).expect(t, 200, "json")
		if !strings.Contains(r.Body, tc.want) {
			t.Errorf("%s (Accept-Language %q): want %s", tc.url, tc.accept, tc.want)
		}
	}
}

type attribute struct {
	Variable            bool    `xml:"variable" json:"variable"`
	Code                string  `xml:"code" json:"code"`
	Datatype            string  `xml:"datatype" json:"datatype"`
	Required            bool    `xml:"required" json:"required"`
	DatatypeDescription *string `xml:"datatype_description" json:"datatype_description"`
	Order               int     `xml:"order" json:"order"`
	Description         string  `xml:"description" json:"description"`
	Values              []struct {
		Key  string `xml:"key" json:"key"`
		Name string `xml:"name" json:"name"`
	} `xml:"values>value" json:"values"`
}

type definition struct {
	XMLName    xml.Name    `xml:"service_definition" json:"-"`
	Code       string      `xml:"service_code" json:"service_code"`
	Attributes []attribute `xml:"attributes>attribute" json:"attributes"`
}

func TestServiceDefinition(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for _, f := range []string{"xml", "json"} {
		var d definition
		r := s.get(api+"/services/pothole."+f).expect(t, 200, f)
		r.decode(t, f, &d)
		if f == "json" {
			var raw struct{ Attributes []json.RawMessage }
			r.json(t, &raw)
			want := []string{"variable", "code", "datatype", "required", "datatype_description", "order", "description", "values"}
			if got := keys(t, raw.Attributes[0]); !slices.Equal(got, want) {
				t.Errorf("JSON attribute keys %v, want %v", got, want)
			}
			if !strings.Contains(r.Body, `"datatype_description": null`) {
				t.Error("an attribute without a datatype description should have null")
			}
		}
		if d.Code != "pothole" || len(d.Attributes) != 2 {
			t.Fatalf("%s: %+v", f, d)
		}
		size, lane := d.Attributes[0], d.Attributes[1]
		if !size.Variable || size.Code != "size" || size.Datatype != "singlevaluelist" || !size.Required || size.Order != 1 ||
			size.Description != "How big is it?" || len(size.Values) != 3 || size.Values[2].Key != "large" || size.Values[2].Name != "Bigger than a car tyre" {
			t.Errorf("%s: size %+v", f, size)
		}
		if lane.Code != "lane" || lane.Datatype != "string" || lane.Required || lane.Order != 2 || len(lane.Values) != 0 {
			t.Errorf("%s: lane %+v", f, lane)
		}
	}
	// Every datatype, in Spanish.
	var d definition
	s.get(api+"/services/missed-pickup.json?locale=es").expect(t, 200, "json").json(t, &d)
	if bins := d.Attributes[0]; bins.Datatype != "multivaluelist" || bins.Description != "¿Qué contenedores no se recogieron?" ||
		len(bins.Values) != 2 || bins.Values[1].Name != "Reciclaje" || bins.DatatypeDescription == nil {
		t.Errorf("bins %+v", bins)
	}
	if day := d.Attributes[1]; day.Datatype != "datetime" || day.DatatypeDescription == nil || !strings.Contains(*day.DatatypeDescription, "2026-03-02") {
		t.Errorf("collection_day %+v", day)
	}
	var bulk definition
	s.get(api+"/services/bulk-pickup.xml").expect(t, 200, "xml").xml(t, &bulk)
	if types := []string{bulk.Attributes[0].Datatype, bulk.Attributes[1].Datatype}; !slices.Equal(types, []string{"text", "number"}) {
		t.Errorf("bulk-pickup datatypes %v", types)
	}
	// A service without questions still has a definition, with none.
	s.get(api+"/services/general.json").expect(t, 200, "json")
	if r := s.get(api + "/services/general.json"); !strings.Contains(r.Body, `"attributes": []`) {
		t.Errorf("general: %s", r.Body)
	}
}

func TestUnknownServiceIs404(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	svc, err := s.app.FindFirstRecordByData("services", "code", "general")
	if err != nil {
		t.Fatal(err)
	}
	svc.Set("active", false)
	if err := s.app.Save(svc); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"xml", "json"} {
		for _, code := range []string{"nope", "general"} {
			d := s.get(api+"/services/"+code+"."+f).expectError(t, 404, f)
			if !strings.Contains(d[0], "service_code "+code+" was not found") {
				t.Errorf("%s: %q", f, d)
			}
		}
	}
	if r := s.get(api + "/services.json"); strings.Contains(r.Body, `"general"`) {
		t.Error("an inactive service is listed")
	}
}

// Paths and methods the spec does not have answer in its error shape.
func TestUnknownResources(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	s.get(api+"/nothing.json").expectError(t, 404, "json")
	s.get(api+"/services").expectError(t, 404, "xml")
	s.get(api+"/services.html").expectError(t, 404, "xml")
	s.get(api+"/a/b/c.json").expectError(t, 404, "json")
	s.do("DELETE", api+"/requests/2026-0001.json", nil, nil).expectError(t, 400, "json")
	s.post(api+"/services.xml", nil).expectError(t, 400, "xml")
	for _, f := range []string{"xml", "json"} {
		d := s.get(api+"/tokens/12345."+f).expectError(t, 404, f)
		if !strings.Contains(d[0], "realtime") {
			t.Errorf("token: %q", d)
		}
	}
	// A body over the limit is refused before it is read.
	req := httptest.NewRequest("POST", api+"/requests.json", strings.NewReader("api_key=x"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.ContentLength = 49 << 20
	rec := httptest.NewRecorder()
	s.mux.ServeHTTP(rec, req)
	response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.String()}.expectError(t, 400, "json")
	if r := s.get(api + "/"); r.Status != 302 || r.Header.Get("Location") != "/en/developers" {
		t.Errorf("API root: %d %s", r.Status, r.Header.Get("Location"))
	}
	s.get(api+"/services.json?jurisdiction_id=elsewhere.example").expectError(t, 404, "json")
	s.get(api+"/services.json?jurisdiction_id=testville.example").expect(t, 200, "json")
	s.get(api+"/services.json?jurisdiction_id=").expect(t, 200, "json")
}
