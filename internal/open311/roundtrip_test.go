package open311_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/requests"
)

func addUpdate(t testing.TB, app core.App, requestID, kind, status, body string) {
	t.Helper()
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: requestID, Kind: kind, Status: status, Body: body, AuthorName: "Public Works"}); err != nil {
		t.Fatal(err)
	}
}

// A request filed over Open311 is an ordinary request: GET finds it in both
// formats, the clerk's list and the public tracking page show it, its
// reporter's confirmation is queued, and the clerk's status change and
// comment show in the next GET.
func TestRoundTrip(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	number := s.file(url1(pothole(key), "email", "reporter@example.com"))

	for _, f := range []string{"xml", "json"} {
		list := s.getRequests(t, api+"/requests."+f, f)
		if !slices.Contains(ids(list), number) {
			t.Errorf("%s: %s not listed: %v", f, number, ids(list))
		}
		one := s.getRequests(t, api+"/requests/"+number+"."+f, f)
		if one[0].Status != "open" || one[0].Description != "Deep hole" {
			t.Errorf("%s: %+v", f, one[0])
		}
	}
	// The clerk's list and the public tracking page.
	recs, _, err := requests.List(s.app, requests.ListFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].GetString("number") != number || recs[0].GetString("channel") != requests.ChannelOpen311 {
		t.Errorf("clerk's list: %v", recs)
	}
	if r := s.get("/en/requests/" + number); r.Status != 200 || !strings.Contains(r.Body, number) || !strings.Contains(r.Body, "Mill Street") || strings.Contains(r.Body, "12 Mill Street") {
		t.Errorf("tracking page: %d", r.Status)
	}
	// The confirmation to the reporter is in the outbox.
	mails, err := s.app.FindAllRecords("outbox")
	if err != nil {
		t.Fatal(err)
	}
	var toReporter []string
	for _, m := range mails {
		if m.GetString("to") == "reporter@example.com" {
			toReporter = append(toReporter, m.GetString("subject"))
		}
	}
	if len(toReporter) != 1 || !strings.Contains(toReporter[0], number) {
		t.Errorf("emails to the reporter %q, want one confirmation of %s", toReporter, number)
	}

	// The clerk comments and resolves the request, as in the admin UI.
	rec, _ := requests.ByNumber(s.app, number)
	addUpdate(t, s.app, rec.Id, "comment", "", "Filled on Tuesday.")
	// Resolved later, on the request rules' clock.
	resolved := time.Now().Add(time.Hour).Truncate(time.Millisecond).UTC()
	s.reqs.Clock = clock.NewFake(resolved)
	rec, _ = requests.ByNumber(s.app, number)
	rec.Set("status", requests.StatusResolved)
	if err := s.app.Save(rec); err != nil {
		t.Fatal(err)
	}
	rec, _ = requests.ByNumber(s.app, number)
	closedAt := rec.GetDateTime("closed_at").Time()
	if !closedAt.Equal(resolved) {
		t.Fatalf("closed_at %v, want the clock's %v", closedAt, resolved)
	}
	for _, f := range []string{"xml", "json"} {
		got := s.getRequests(t, api+"/requests/"+number+"."+f, f)[0]
		updated, err := time.Parse(time.RFC3339, got.UpdatedDatetime)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != "closed" || got.StatusNotes == nil || *got.StatusNotes != "Filled on Tuesday." ||
			!updated.Equal(closedAt.Truncate(time.Second)) {
			t.Errorf("%s after the clerk's change: status %q, notes %v, updated %s (closed %s)", f, got.Status, got.StatusNotes, got.UpdatedDatetime, closedAt)
		}
		if ids(s.getRequests(t, api+"/requests."+f+"?status=open", f)) != nil {
			t.Errorf("%s: a resolved request is listed as open", f)
		}
	}
}

// Who reported a request never appears in GET, in any format, with or
// without extensions.
func TestNoContactDetailsInGet(t *testing.T) {
	t.Parallel()
	s, key := keyedServer(t)
	secrets := []string{"Zelda", "Quuxley", "zq@example.com", "555-0199", "device-zq-42", "account-zq-7", key[:9]}
	form := url.Values{"api_key": {key}, "service_code": {"missed-pickup"}, "address_string": {"3 Elm Street"},
		"first_name": {"Zelda"}, "last_name": {"Quuxley"}, "email": {"zq@example.com"}, "phone": {"555-0199"},
		"device_id": {"device-zq-42"}, "account_id": {"account-zq-7"}, "attribute[bins][]": {"trash"}, "attribute[collection_day]": {"2026-03-02"}}
	number := s.file(form)
	rec, _ := requests.ByNumber(s.app, number)
	addUpdate(t, s.app, rec.Id, "comment", "", "On our list.")
	for _, f := range []string{"xml", "json"} {
		for _, target := range []string{
			api + "/requests." + f, api + "/requests." + f + "?extensions=true",
			api + "/requests/" + number + "." + f, api + "/requests/" + number + "." + f + "?extensions=true",
			api + "/requests." + f + "?service_request_id=" + number + "&extensions=true",
		} {
			r := s.get(target).expect(t, 200, f)
			if !strings.Contains(r.Body, number) {
				t.Errorf("%s does not show %s", target, number)
			}
			for _, secret := range secrets {
				if strings.Contains(r.Body, secret) {
					t.Errorf("%s shows %q", target, secret)
				}
			}
			for _, field := range []string{"email", "phone", "first_name", "last_name", "contact", "reporter", "device_id", "account_id", "api_key"} {
				if strings.Contains(r.Body, `"`+field+`"`) || strings.Contains(r.Body, "<"+field+">") {
					t.Errorf("%s has a %s field", target, field)
				}
			}
		}
	}
}
