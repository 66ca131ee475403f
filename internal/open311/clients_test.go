package open311_test

import (
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// The note a clerk writes with a status change is the request's
// status_notes, and part of its history in the notes extension.
func TestStatusNotesFromStatusChange(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	number := s.file(pothole(key))
	rec, err := requests.ByNumber(s.app, number)
	if err != nil {
		t.Fatal(err)
	}
	addUpdate(t, s.app, rec.Id, "status", requests.StatusInProgress, "Crew booked for Thursday morning.")
	for _, f := range []string{"xml", "json"} {
		got := s.getRequests(t, api+"/requests/"+number+"."+f+"?extensions=true", f)[0]
		if got.StatusNotes == nil || *got.StatusNotes != "Crew booked for Thursday morning." {
			t.Errorf("%s: status_notes %v, want the clerk's note", f, got.StatusNotes)
		}
		last := got.Notes[len(got.Notes)-1]
		if last.Type != "status" || !strings.Contains(last.Description, "Crew booked for Thursday morning.") {
			t.Errorf("%s: last note %+v", f, last)
		}
	}
}

// A JSON body is refused with a 400 that names the encoding the API takes,
// not a 403 about a missing key the client did send.
func TestPostJSONBodyIsRefused(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	body, err := json.Marshal(map[string]string{"api_key": key, "service_code": "pothole", "address_string": "12 Mill Street"})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"xml", "json"} {
		r := s.do(http.MethodPost, api+"/requests."+f, strings.NewReader(string(body)), map[string]string{"Content-Type": "application/json"})
		d := r.expectError(t, 400, f)
		if !strings.Contains(d[0], "application/x-www-form-urlencoded") {
			t.Errorf("%s: %q", f, d)
		}
	}
	s.stored(0)
}

// The POST answer carries account_id: the client's own, sent back.
func TestPostAnswerHasAccountID(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	r := s.post(api+"/requests.xml", url1(pothole(key), "account_id", "fms-user-77")).expect(t, 200, "xml")
	var doc struct {
		Requests []struct {
			AccountID string `xml:"account_id"`
		} `xml:"request"`
	}
	r.xml(t, &doc)
	if len(doc.Requests) != 1 || doc.Requests[0].AccountID != "fms-user-77" {
		t.Errorf("XML answer %s", r.Body)
	}
	r = s.post(api+"/requests.json", pothole(key)).expect(t, 200, "json")
	var raw []map[string]any
	r.json(t, &raw)
	if v, ok := raw[0]["account_id"]; !ok || v != nil {
		t.Errorf("JSON answer without an account_id sent: %s", r.Body)
	}
}

type specUpdate struct {
	UpdateID         string `xml:"update_id" json:"update_id"`
	ServiceRequestID string `xml:"service_request_id" json:"service_request_id"`
	Status           string `xml:"status" json:"status"`
	UpdatedDatetime  string `xml:"updated_datetime" json:"updated_datetime"`
	Description      string `xml:"description" json:"description"`
	MediaURL         string `xml:"media_url" json:"media_url"`
}

func (s *server) getUpdates(t *testing.T, target, f string) []specUpdate {
	t.Helper()
	r := s.get(target).expect(t, 200, f)
	if f == "json" {
		var out []specUpdate
		r.json(t, &out)
		return out
	}
	var doc struct {
		XMLName xml.Name     `xml:"service_request_updates"`
		Updates []specUpdate `xml:"request_update"`
	}
	r.xml(t, &doc)
	return doc.Updates
}

// servicerequestupdates, the extension FixMyStreet pulls status updates
// with, lists the town's status changes and comments on public requests,
// with FixMyStreet's statuses and nothing about the reporter.
func TestServiceRequestUpdates(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	number := s.file(url1(url1(pothole(key), "email", "zq@example.com"), "first_name", "Zelda"))
	rec, err := requests.ByNumber(s.app, number)
	if err != nil {
		t.Fatal(err)
	}
	addUpdate(t, s.app, rec.Id, "status", requests.StatusInProgress, "")
	addUpdate(t, s.app, rec.Id, "note", "", "Driver was sick")
	addUpdate(t, s.app, rec.Id, "comment", "", "Patched. Call 555.010.0199 with questions.")
	addUpdate(t, s.app, rec.Id, "status", requests.StatusResolved, "Filled and rolled.")
	reporterComment(t, s.app, rec.Id, "Thanks, Zelda here, zq@example.com")
	for _, f := range []string{"xml", "json"} {
		got := s.getUpdates(t, api+"/servicerequestupdates."+f+"?start_date=2000-01-01T00:00:00Z&end_date=2000-03-01T00:00:00Z", f)
		if len(got) != 0 {
			t.Errorf("%s: updates outside the window: %+v", f, got)
		}
		got = s.getUpdates(t, api+"/servicerequestupdates."+f, f)
		var seen []string
		for _, u := range got {
			if u.ServiceRequestID != number || u.UpdateID == "" || u.UpdatedDatetime == "" {
				t.Errorf("%s: %+v", f, u)
			}
			seen = append(seen, u.Status+": "+u.Description)
		}
		want := []string{"IN_PROGRESS: Status changed to In progress", "IN_PROGRESS: Patched. Call […] with questions.", "FIXED: Filled and rolled."}
		if !slices.Equal(seen, want) {
			t.Errorf("%s: updates %q, want %q", f, seen, want)
		}
		r := s.get(api + "/servicerequestupdates." + f)
		for _, secret := range []string{"Zelda", "zq@example.com", "Driver was sick", "555.010.0199", "Public Works"} {
			if strings.Contains(r.Body, secret) {
				t.Errorf("%s shows %q", f, secret)
			}
		}
	}
	s.post(api+"/servicerequestupdates.xml", url.Values{"api_key": {key}}).expectError(t, 400, "xml")
}

// reporterComment adds a comment as the reporter's reply by email does.
func reporterComment(t *testing.T, app core.App, requestID, body string) {
	t.Helper()
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: requestID, Kind: "comment", Body: body, Channel: requests.ChannelEmail}); err != nil {
		t.Fatal(err)
	}
}

// Addresses in answers come from the Application URL, never the Host
// header a client (or an attacker) sends; jurisdiction_id is the
// Application URL's host too.
func TestURLsComeFromTheApplicationURL(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	appURL := strings.TrimRight(s.app.Settings().Meta.AppURL, "/")
	u, err := url.Parse(appURL)
	if err != nil || u.Host == "" {
		t.Fatalf("Application URL %q", appURL)
	}
	evil := "http://evil.example" // httptest takes the Host header from the target
	body, ctype := townhalltest.Multipart(t, pothole(key), map[string][]byte{"media:hole.png": png})
	r := s.do(http.MethodPost, evil+api+"/requests.json", body, map[string]string{"Content-Type": ctype}).expect(t, 200, "json")
	var out []struct {
		ID string `json:"service_request_id"`
	}
	r.json(t, &out)
	number := out[0].ID
	for _, target := range []string{api + "/discovery.xml", api + "/discovery.json", api + "/requests/" + number + ".json?extensions=true"} {
		r := s.do(http.MethodGet, evil+target, nil, map[string]string{"X-Forwarded-Host": "evil.example"})
		if r.Status != 200 || strings.Contains(r.Body, "evil.example") || !strings.Contains(r.Body, appURL) {
			t.Errorf("%s: %d %s", target, r.Status, r.Body)
		}
	}
	r = s.do(http.MethodGet, evil+api+"/services.json?jurisdiction_id=evil.example", nil, nil)
	r.expectError(t, 404, "json")
	s.get(api+"/services.json?jurisdiction_id="+strings.TrimPrefix(u.Hostname(), "www.")).expect(t, 200, "json")
}
