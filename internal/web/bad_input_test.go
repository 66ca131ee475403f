package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// Bad input gets a field error beside the field, never a 500, and nothing
// of it is stored; a name with a line break is stored on one line, so its
// confirmation email still goes out.
func TestBadInputGetsFieldErrors(t *testing.T) {
	app, mux := demoMux(t)
	u := demoResident(t, app)
	token := authToken(t, u)
	own := submitted(t, app, requests.Input{ServiceCode: "pothole", Channel: "web", Address: "1 Main", ReporterID: u.Id,
		Answers: map[string][]string{"size": {"small"}}})
	mb := strings.Repeat("a", 1<<20)
	bulk := func(count string) url.Values {
		return url.Values{"action": {"submit"}, "address": {"3 Elm"}, "attr.items": {"A sofa"}, "attr.count": {count}, "attr.refrigerant": {"no"}}
	}
	pothole := func(name, email string) url.Values {
		return url.Values{"action": {"submit"}, "address": {"4 Elm"}, "attr.size": {"small"}, "contact_name": {name}, "contact_email": {email}}
	}
	profile := func(name string) url.Values {
		return url.Values{"name": {name}, "language": {"en"}, "digest": {"off"}}
	}
	cases := []struct {
		name, path string
		form       url.Values
		signedIn   bool
		status     int
		want       string
		check      func(t *testing.T)
	}{
		{"NaN count", "/en/services/bulk-pickup/request", bulk("NaN"), true, 422, "Enter a number", noRequestAt(app, "3 Elm")},
		{"infinite count", "/en/services/bulk-pickup/request", bulk("-Inf"), true, 422, "Enter a number", noRequestAt(app, "3 Elm")},
		{"negative count", "/en/services/bulk-pickup/request", bulk("-5"), true, 422, "Enter 0 or more", noRequestAt(app, "3 Elm")},
		{"huge contact name", "/en/services/pothole/request", pothole(mb, "big@example.com"), false, 422,
			"Keep this to 100 characters or fewer", noRequestAt(app, "4 Elm")},
		{"line break in a contact name", "/en/services/pothole/request", pothole("Jo\r\nBcc: x@evil.example", "jo@example.com"), false, 303, "",
			func(t *testing.T) {
				r, err := app.FindFirstRecordByData("requests", "contact_email", "jo@example.com")
				if err != nil || r.GetString("contact_name") != "Jo Bcc: x@evil.example" {
					t.Fatalf("stored %v, %v", r, err)
				}
				if _, err := app.FindFirstRecordByData("outbox", "to", "jo@example.com"); err != nil {
					t.Errorf("no confirmation email queued: %v", err)
				}
			}},
		{"huge sign-up name", "/en/signup", url.Values{"name": {mb}, "email": {"n@example.com"}, "password": {"long enough pw"}}, false, 422,
			"Keep this to 100 characters or fewer", noUser(app, "n@example.com")},
		{"huge password", "/en/signup", url.Values{"name": {"Pat"}, "email": {"p@example.com"}, "password": {mb}}, false, 422,
			"at most 72 characters", noUser(app, "p@example.com")},
		{"73-byte password", "/en/signup", url.Values{"name": {"Pat"}, "email": {"p@example.com"}, "password": {strings.Repeat("é", 37)}}, false, 422,
			"at most 72 characters", noUser(app, "p@example.com")},
		{"huge profile name", "/en/account", profile(mb), true, 422, "Keep this to 100 characters or fewer", userName(app, u.Id, u.GetString("name"))},
		{"line break in a profile name", "/en/account", profile("María\nLópez"), true, 303, "", userName(app, u.Id, "María López")},
		{"huge comment", "/en/requests/" + own.GetString("number") + "/comment", url.Values{"body": {mb}}, true, 422,
			"Keep this to 5000 characters or fewer", noComment(app, own.Id)},
		{"body over the form limit", "/en/requests/" + own.GetString("number") + "/comment", url.Values{"body": {mb + mb + mb}}, true, 400,
			"", noComment(app, own.Id)},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodPost, c.path, strings.NewReader(c.form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.RemoteAddr = fmt.Sprintf("198.51.100.%d:4000", i+1) // each case its own visitor, clear of rate limits
			if c.signedIn {
				req.AddCookie(&http.Cookie{Name: "th_session", Value: token})
			}
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, req)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
				t.Fatalf("status %d, want %d with %q: %.300s", rec.Code, c.status, c.want, rec.Body.String())
			}
			c.check(t)
		})
	}
}

func noRequestAt(app core.App, address string) func(*testing.T) {
	return func(t *testing.T) {
		if recs, err := app.FindAllRecords("requests"); err != nil {
			t.Fatal(err)
		} else {
			for _, r := range recs {
				if r.GetString("address") == address {
					t.Errorf("stored: %v", r.PublicExport())
				}
			}
		}
	}
}

func noUser(app core.App, email string) func(*testing.T) {
	return func(t *testing.T) {
		if _, err := app.FindAuthRecordByEmail("users", email); err == nil {
			t.Errorf("account %s created", email)
		}
	}
}

func userName(app core.App, id, want string) func(*testing.T) {
	return func(t *testing.T) {
		u, err := app.FindRecordById("users", id)
		if err != nil {
			t.Fatal(err)
		}
		if got := u.GetString("name"); got != want {
			t.Errorf("name %.40q, want %q", got, want)
		}
	}
}

func noComment(app core.App, requestID string) func(*testing.T) {
	return func(t *testing.T) {
		if n := schematest.Count(t, app, "request_updates", dbx.HashExp{"request": requestID, "kind": "comment"}); n != 0 {
			t.Errorf("%d comments stored", n)
		}
	}
}
