package open311_test

import (
	"encoding/json"
	"encoding/xml"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/upload/uploadtest"
)

// Each datatype, sent the way the spec says, is stored as the domain's
// answer, and the request is an ordinary one from the open311 channel.
func TestPostEachDatatype(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	key, keyRec := newKey(t, s.app, 0)
	for _, tc := range []struct {
		name    string
		form    url.Values
		answers string // the stored answers, as JSON
	}{
		{"singlevaluelist and string", url.Values{"service_code": {"pothole"}, "lat": {"42.5"}, "long": {"-71.25"},
			"attribute[size]": {"medium"}, "attribute[lane]": {"northbound"}},
			`{"lane":"northbound","size":"medium"}`},
		{"multivaluelist and datetime", url.Values{"service_code": {"missed-pickup"}, "address_string": {"3 Elm Street"},
			"email": {"resident@example.com"}, "attribute[bins][]": {"trash", "recycling"}, "attribute[collection_day]": {"2026-03-02"}},
			`{"bins":["trash","recycling"],"collection_day":"2026-03-02"}`},
		{"text and number", url.Values{"service_code": {"bulk-pickup"}, "address_string": {"9 Oak Lane"}, "email": {"r@example.com"},
			"attribute[items]": {"A sofa\nTwo chairs"}, "attribute[count]": {"3"}, "attribute[refrigerant]": {"no"}},
			`{"count":3,"items":"A sofa\nTwo chairs","refrigerant":"no"}`},
		{"unknown attributes are ignored", url.Values{"service_code": {"pothole"}, "address_string": {"1 Main"},
			"attribute[size]": {"small"}, "attribute[uprn]": {"12345"}},
			`{"size":"small"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.form.Set("api_key", key)
			number := s.file(tc.form)
			rec, err := requests.ByNumber(s.app, number)
			if err != nil {
				t.Fatal(err)
			}
			if rec.GetString("channel") != "open311" || rec.GetString("status") != "new" || rec.GetString("api_key") != keyRec.Id ||
				rec.GetString("department") == "" || rec.GetDateTime("due").IsZero() {
				t.Errorf("stored %v", rec.PublicExport())
			}
			var got, want any
			json.Unmarshal([]byte(rec.GetString("answers")), &got)
			json.Unmarshal([]byte(tc.answers), &want)
			if g, _ := json.Marshal(got); string(g) != mustJSON(want) {
				t.Errorf("answers %s, want %s", g, tc.answers)
			}
		})
	}
	// The location and the reporter's details land in their fields.
	rec, _ := requests.ByNumber(s.app, s.file(url.Values{"api_key": {key}, "service_code": {"pothole"}, "lat": {"42.5"}, "long": {"-71.25"},
		"address_string": {"12 Mill Street"}, "attribute[size]": {"large"}, "first_name": {"Ada"}, "last_name": {"Byron"},
		"email": {"ada@example.com"}, "phone": {"555-0100"}, "device_id": {"dev-1"}, "account_id": {"acct-7"},
		"media_url": {"https://photos.example/hole.jpg"}, "description": {"Line one\nline two"}}))
	p := rec.GetGeoPoint("location")
	if p.Lat != 42.5 || p.Lon != -71.25 || rec.GetString("address") != "12 Mill Street" || rec.GetString("contact_name") != "Ada Byron" ||
		rec.GetString("contact_email") != "ada@example.com" || rec.GetString("contact_phone") != "555-0100" ||
		rec.GetString("device_id") != "dev-1" || rec.GetString("account_id") != "acct-7" ||
		rec.GetString("media_url") != "https://photos.example/hole.jpg" || rec.GetString("description") != "Line one\nline two" {
		t.Errorf("stored %v", rec.PublicExport())
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// The POST answer has the spec's shape in both formats: the number, the
// service notice, and account_id (the client's own, here none).
func TestPostAnswerShape(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	r := s.post(api+"/requests.xml", pothole(key)).expect(t, 200, "xml")
	var doc struct {
		XMLName  xml.Name `xml:"service_requests"`
		Requests []struct {
			ID     string `xml:"service_request_id"`
			Notice string `xml:"service_notice"`
		} `xml:"request"`
	}
	r.xml(t, &doc)
	if len(doc.Requests) != 1 || !strings.HasPrefix(doc.Requests[0].ID, year()+"-") ||
		doc.Requests[0].Notice != "We usually answer within 5 business days." || !strings.Contains(r.Body, "<account_id></account_id>") {
		t.Errorf("XML answer %s", r.Body)
	}
	r = s.post(api+"/requests.json", pothole(key)).expect(t, 200, "json")
	var raw []json.RawMessage
	r.json(t, &raw)
	if len(raw) != 1 || !slices.Equal(keys(t, raw[0]), []string{"service_request_id", "service_notice", "account_id"}) {
		t.Errorf("JSON answer %s", r.Body)
	}
}

func TestPostErrors(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	key, _ := newKey(t, s.app, 1000)
	with := func(changes map[string]string) url.Values {
		v := pothole(key)
		for k, x := range changes {
			if x == "" {
				v.Del(k)
			} else {
				v.Set(k, x)
			}
		}
		return v
	}
	for _, tc := range []struct {
		name   string
		form   url.Values
		status int
		want   []string // in the descriptions, in order
	}{
		{"no service code", with(map[string]string{"service_code": ""}), 400, []string{"service_code is required"}},
		{"unknown service code", with(map[string]string{"service_code": "nope"}), 404, []string{"service_code nope was not found"}},
		{"lat without long", with(map[string]string{"long": ""}), 400, []string{"lat and long must be given together"}},
		{"latitude out of range", with(map[string]string{"lat": "91"}), 400, []string{"lat must be a latitude"}},
		{"longitude not a number", with(map[string]string{"long": "west"}), 400, []string{"long must be a longitude"}},
		{"longitude NaN", with(map[string]string{"long": "NaN"}), 400, []string{"long must be a longitude"}},
		{"lat and long 0, a client without a fix", with(map[string]string{"lat": "0", "long": "0", "address_string": ""}), 400,
			[]string{"lat=0 and long=0 is not a place"}},
		{"no location", with(map[string]string{"lat": "", "long": "", "address_string": ""}), 400, []string{"A location is required"}},
		{"description too long", with(map[string]string{"description": strings.Repeat("é", 4001)}), 400,
			[]string{"description is too long: at most 4000 characters"}},
		{"not one of the choices", with(map[string]string{"attribute[size]": "huge"}), 400,
			[]string{"attribute[size] must be one of the value keys of the service definition: small, medium, large"}},
		{"required answer missing", with(map[string]string{"attribute[size]": ""}), 400, []string{"attribute[size] is required for service pothole"}},
		{"not a number", url.Values{"api_key": {key}, "service_code": {"bulk-pickup"}, "address_string": {"1 Main"}, "email": {"a@example.com"},
			"attribute[items]": {"sofa"}, "attribute[count]": {"three"}, "attribute[refrigerant]": {"no"}}, 400,
			[]string{"attribute[count] must be a number"}},
		{"not a date", url.Values{"api_key": {key}, "service_code": {"missed-pickup"}, "address_string": {"1 Main"}, "email": {"a@example.com"},
			"attribute[bins][]": {"trash", "glass"}, "attribute[collection_day]": {"last tuesday"}}, 400,
			[]string{"attribute[bins] must be one of", "attribute[collection_day] must be a date"}},
		{"no email for a service that needs one", url.Values{"api_key": {key}, "service_code": {"missed-pickup"}, "address_string": {"1 Main"},
			"attribute[bins][]": {"trash"}, "attribute[collection_day]": {"2026-03-02"}}, 400,
			[]string{"email is required: service missed-pickup does not take anonymous requests"}},
		{"bad email", with(map[string]string{"email": "not-an-address"}), 400, []string{"email is not an email address"}},
		{"bad media_url", with(map[string]string{"media_url": "ftp://example.com/x.jpg"}), 400, []string{"media_url must be an http or https URL"}},
		{"several problems at once", with(map[string]string{"lat": "200", "phone": strings.Repeat("5", 41)}), 400,
			[]string{"lat must be", "phone is too long"}},
		{"another jurisdiction", with(map[string]string{"jurisdiction_id": "elsewhere.example"}), 404, []string{"jurisdiction_id elsewhere.example was not found"}},
	} {
		for _, f := range []string{"xml", "json"} {
			d := s.post(api+"/requests."+f, tc.form).expectError(t, tc.status, f)
			if len(d) != len(tc.want) {
				t.Errorf("%s (%s): %q, want %d descriptions", tc.name, f, d, len(tc.want))
				continue
			}
			for i, w := range tc.want {
				if !strings.Contains(d[i], w) {
					t.Errorf("%s (%s): %q, want %q", tc.name, f, d[i], w)
				}
			}
		}
	}
	s.stored(0)
}

// An empty parameter is the same as an absent one.
func TestPostEmptyParametersAreAbsent(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	v := url.Values{"api_key": {key}, "service_code": {"pothole"}, "address_string": {"5 Elm"}, "attribute[size]": {"small"},
		"lat": {""}, "long": {""}, "email": {""}, "media_url": {""}, "jurisdiction_id": {""}, "attribute[lane]": {""}, "device_id": {""}}
	rec, _ := requests.ByNumber(s.app, s.file(v))
	if rec.GetString("answers") != `{"size":"small"}` || rec.GetString("media_url") != "" {
		t.Errorf("stored %v", rec.PublicExport())
	}
}

// A photo sent as media is the request's photo; the same type and size
// rules apply as on the site's form.
func TestPostMedia(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	number := ""
	for _, field := range []string{"media", "media[]"} {
		r := s.postMultipart(api+"/requests.json", pothole(key), map[string][]byte{field + ":hole.png": png}).expect(t, 200, "json")
		var out []struct {
			ID string `json:"service_request_id"`
		}
		r.json(t, &out)
		number = out[0].ID
		rec, _ := requests.ByNumber(s.app, number)
		if len(rec.GetStringSlice("photos")) != 1 {
			t.Errorf("%s: photos %v", field, rec.GetStringSlice("photos"))
		}
	}
	var got []struct {
		MediaURL string `json:"media_url"`
	}
	s.get(api+"/requests/"+number+".json").expect(t, 200, "json").json(t, &got)
	u, err := url.Parse(got[0].MediaURL)
	if err != nil || !strings.HasPrefix(u.Path, "/files/requests/"+number+"/") || !strings.HasSuffix(u.Path, ".png") {
		t.Fatalf("media_url %q", got[0].MediaURL)
	}
	if r := s.get(u.Path); r.Status != 200 {
		t.Errorf("the photo is not served: %d", r.Status)
	}
	// The photos field is protected: PocketBase's own file URL needs a token.
	rec, err := requests.ByNumber(s.app, number)
	if err != nil {
		t.Fatal(err)
	}
	if r := s.get("/api/files/requests/" + rec.Id + "/" + rec.GetStringSlice("photos")[0]); r.Status != 404 {
		t.Errorf("the photo's /api/files URL without a token: %d, want 404", r.Status)
	}
	// Not an image; a service without photos; too many.
	d := s.postMultipart(api+"/requests.xml", pothole(key), map[string][]byte{"media:notes.txt": []byte("just text")}).expectError(t, 400, "xml")
	if !strings.Contains(d[0], "JPEG, PNG, WebP or HEIC") {
		t.Errorf("wrong type: %q", d)
	}
	general := url.Values{"api_key": {key}, "service_code": {"general"}, "address_string": {"Town Hall"}, "description": {"A question"}}
	d = s.postMultipart(api+"/requests.json", general, map[string][]byte{"media:q.png": png}).expectError(t, 400, "json")
	if !strings.Contains(d[0], "does not take photos") {
		t.Errorf("no photos: %q", d)
	}
	six := map[string][]byte{}
	for _, n := range []string{"1", "2", "3", "4", "5", "6"} {
		six["media:"+n+".png"] = png
	}
	s.postMultipart(api+"/requests.json", pothole(key), six).expectError(t, 400, "json")
}

// A photo of more than 40 megapixels is refused with a description that
// says so, and no request is stored.
func TestPostHugeMediaRefused(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	d := s.postMultipart(api+"/requests.json", pothole(key), map[string][]byte{"media:huge.png": uploadtest.HugePNG(t)}).expectError(t, 400, "json")
	if len(d) != 1 || !strings.Contains(d[0], "at most 40 megapixels") {
		t.Errorf("descriptions %q", d)
	}
	s.stored(0)
}

// A tiny valid PNG.
var png = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef\x00\x00\x00\x00IEND\xaeB`\x82")
