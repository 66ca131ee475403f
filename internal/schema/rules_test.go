package schema_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// fixture is a database with two residents (a and b) and one whose email
// address is not confirmed (u), each with their own request, draft,
// reservation and follow, saved to a folder that every
// scenario clones, so the auth tokens stay valid.
type fixture struct {
	dir    string
	tokens map[string]string // a, b, u, su
	ids    map[string]string
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	app := schematest.App(t)
	f := &fixture{dir: app.DataDir(), tokens: map[string]string{}, ids: map[string]string{}}
	mk := func(collection string, data map[string]any) *core.Record {
		col, err := app.FindCollectionByNameOrId(collection)
		if err != nil {
			t.Fatal(err)
		}
		r := core.NewRecord(col)
		r.Load(data)
		if pw, ok := data["password"].(string); ok {
			r.SetPassword(pw)
		}
		if err := app.Save(r); err != nil {
			t.Fatalf("create %s: %v", collection, err)
		}
		return r
	}
	dept := mk("departments", map[string]any{"name": "Public Works", "slug": "public-works"})
	svc := mk("services", map[string]any{"code": "pothole", "name": "Pothole", "department": dept.Id, "active": true})
	mk("services", map[string]any{"code": "secret", "name": "Retired service", "department": dept.Id, "active": false})
	f.ids["town"] = mk("town", map[string]any{"name": "Testville", "timezone": "UTC", "languages": []string{"en"}}).Id
	mk("pages", map[string]any{"title": "Public", "slug": "public", "language": "en", "section": "waste", "published": true})
	mk("pages", map[string]any{"title": "Draft page", "slug": "draft-page", "language": "en", "section": "waste", "published": false})
	fac := mk("facilities", map[string]any{"name": "Pavilion", "slug": "pavilion", "active": true})
	for _, who := range []string{"a", "b", "u"} {
		u := mk("users", map[string]any{"email": who + "@example.com", "password": "long-enough-pw", "name": "Resident " + who,
			"phone": "555-000" + who, "role": "resident", "verified": who != "u"})
		req := mk("requests", map[string]any{"number": "2026-000" + who, "service": svc.Id, "status": "new", "channel": "web",
			"reporter": u.Id, "contact_email": who + "@example.com", "description": "hole by " + who})
		mk("request_updates", map[string]any{"request": req.Id, "kind": "comment", "body": "public reply to " + who})
		mk("request_updates", map[string]any{"request": req.Id, "kind": "note", "body": "internal note about " + who})
		d := mk("drafts", map[string]any{"user": u.Id, "service": svc.Id, "data": map[string]any{"description": "draft of " + who}})
		res := mk("reservations", map[string]any{"facility": fac.Id, "starts": "2026-06-01 10:00:00.000Z", "ends": "2026-06-01 12:00:00.000Z",
			"status": "pending", "resident": u.Id, "purpose": "party of " + who})
		fl := mk("follows", map[string]any{"request": req.Id, "user": u.Id})
		tok, err := u.NewAuthToken()
		if err != nil {
			t.Fatal(err)
		}
		f.tokens[who] = tok
		f.ids[who] = u.Id
		f.ids[who+"-request"] = req.Id
		f.ids[who+"-draft"] = d.Id
		f.ids[who+"-reservation"] = res.Id
		f.ids[who+"-follow"] = fl.Id
	}
	mk("outbox", map[string]any{"to": "a@example.com", "subject": "Your request", "status": "queued", "dedupe_key": "k1"})
	mk("api_keys", map[string]any{"name": "County app", "key_hash": "abc", "active": true})
	mk("digest_runs", map[string]any{"period": "daily:2026-11-22", "user": f.ids["a"], "kind": "resident"})
	su := mk(core.CollectionNameSuperusers, map[string]any{"email": "clerk@example.com", "password": "long-enough-pw"})
	tok, err := su.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	f.tokens["su"] = tok
	return f
}

func (f *fixture) factory(t testing.TB) *tests.TestApp {
	app, err := tests.NewTestApp(f.dir)
	if err != nil {
		t.Fatal(err)
	}
	return app
}

func (f *fixture) auth(who string) map[string]string {
	if who == "" {
		return nil
	}
	return map[string]string{"Authorization": f.tokens[who]}
}

func TestAPIRules(t *testing.T) {
	f := newFixture(t)
	list := func(c string) string { return "/api/collections/" + c + "/records" }
	one := func(c, id string) string { return list(c) + "/" + id }
	scenarios := []tests.ApiScenario{
		// Residents see only themselves; visitors see no one.
		{Name: "guest lists no users", Method: http.MethodGet, URL: list("users"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}, NotExpectedContent: []string{"@example.com"}},
		{Name: "resident lists only self", Method: http.MethodGet, URL: list("users"), Headers: f.auth("a"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":1`, "a@example.com"}, NotExpectedContent: []string{"b@example.com", "555-000b"}},
		{Name: "resident cannot view another", Method: http.MethodGet, URL: one("users", f.ids["b"]), Headers: f.auth("a"), ExpectedStatus: 404},
		{Name: "resident cannot change another", Method: http.MethodPatch, URL: one("users", f.ids["b"]), Headers: f.auth("a"),
			Body: strings.NewReader(`{"name":"hacked"}`), ExpectedStatus: 404},
		{Name: "resident edits own profile", Method: http.MethodPatch, URL: one("users", f.ids["a"]), Headers: f.auth("a"),
			Body: strings.NewReader(`{"name":"New Name","language":"es"}`), ExpectedStatus: 200, ExpectedContent: []string{"New Name"}},
		{Name: "resident cannot give self a role", Method: http.MethodPatch, URL: one("users", f.ids["a"]), Headers: f.auth("a"),
			Body: strings.NewReader(`{"role":"staff"}`), ExpectedStatus: 404},
		{Name: "resident cannot join a department", Method: http.MethodPatch, URL: one("users", f.ids["a"]), Headers: f.auth("a"),
			Body: strings.NewReader(`{"department":"x"}`), ExpectedStatus: 404},
		{Name: "sign-up cannot choose a role", Method: http.MethodPost, URL: list("users"),
			Body: strings.NewReader(`{"email":"c@example.com","password":"long-enough-pw","passwordConfirm":"long-enough-pw","role":"editor"}`), ExpectedStatus: 403},
		{Name: "sign-up through the API is closed (the site has its own)", Method: http.MethodPost, URL: list("users"),
			Body:           strings.NewReader(`{"email":"c@example.com","password":"long-enough-pw","passwordConfirm":"long-enough-pw","name":"C"}`),
			ExpectedStatus: 403},
		{Name: "the clerk can still create an account", Method: http.MethodPost, URL: list("users"), Headers: f.auth("su"),
			Body:           strings.NewReader(`{"email":"c@example.com","password":"long-enough-pw","passwordConfirm":"long-enough-pw","name":"C"}`),
			ExpectedStatus: 200, ExpectedContent: []string{`"name":"C"`}},

		// An account whose email address is not confirmed cannot sign in
		// through the API, and an old token of one reaches nothing.
		{Name: "unconfirmed account cannot sign in", Method: http.MethodPost, URL: "/api/collections/users/auth-with-password",
			Body: strings.NewReader(`{"identity":"u@example.com","password":"long-enough-pw"}`), ExpectedStatus: 403, NotExpectedContent: []string{`"token"`}},
		{Name: "confirmed account signs in", Method: http.MethodPost, URL: "/api/collections/users/auth-with-password",
			Body: strings.NewReader(`{"identity":"a@example.com","password":"long-enough-pw"}`), ExpectedStatus: 200, ExpectedContent: []string{`"token"`}},
		{Name: "unconfirmed account sees not even itself", Method: http.MethodGet, URL: one("users", f.ids["u"]), Headers: f.auth("u"), ExpectedStatus: 404},
		{Name: "unconfirmed account cannot change itself", Method: http.MethodPatch, URL: one("users", f.ids["u"]), Headers: f.auth("u"),
			Body: strings.NewReader(`{"name":"x"}`), ExpectedStatus: 404},
		{Name: "unconfirmed account lists no requests", Method: http.MethodGet, URL: list("requests"), Headers: f.auth("u"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}, NotExpectedContent: []string{"2026-000u"}},
		{Name: "unconfirmed account sees no timeline", Method: http.MethodGet, URL: list("request_updates"), Headers: f.auth("u"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}},
		{Name: "unconfirmed account sees no drafts", Method: http.MethodGet, URL: list("drafts"), Headers: f.auth("u"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}},
		{Name: "unconfirmed account cannot delete its draft", Method: http.MethodDelete, URL: one("drafts", f.ids["u-draft"]), Headers: f.auth("u"), ExpectedStatus: 404},
		{Name: "unconfirmed account sees no reservations", Method: http.MethodGet, URL: list("reservations"), Headers: f.auth("u"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}},
		{Name: "unconfirmed account cannot delete its follow", Method: http.MethodDelete, URL: one("follows", f.ids["u-follow"]), Headers: f.auth("u"), ExpectedStatus: 404},

		// Requests and their timelines: own only, and never internal notes.
		{Name: "guest lists no requests", Method: http.MethodGet, URL: list("requests"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}, NotExpectedContent: []string{"@example.com"}},
		{Name: "resident lists own requests", Method: http.MethodGet, URL: list("requests"), Headers: f.auth("a"),
			ExpectedStatus: 200, ExpectedContent: []string{"2026-000a"}, NotExpectedContent: []string{"2026-000b", "b@example.com"}},
		{Name: "resident cannot view another's request", Method: http.MethodGet, URL: one("requests", f.ids["b-request"]), Headers: f.auth("a"), ExpectedStatus: 404},
		{Name: "residents cannot create requests through the API", Method: http.MethodPost, URL: list("requests"), Headers: f.auth("a"),
			Body: strings.NewReader(`{"status":"closed"}`), ExpectedStatus: 403},
		{Name: "resident cannot change own request", Method: http.MethodPatch, URL: one("requests", f.ids["a-request"]), Headers: f.auth("a"),
			Body: strings.NewReader(`{"status":"closed"}`), ExpectedStatus: 403},
		{Name: "timeline hides internal notes", Method: http.MethodGet, URL: list("request_updates"), Headers: f.auth("a"),
			ExpectedStatus: 200, ExpectedContent: []string{"public reply to a"}, NotExpectedContent: []string{"internal note", "reply to b"}},
		{Name: "guest sees no timeline", Method: http.MethodGet, URL: list("request_updates"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}},

		// Drafts, reservations, follows: own only.
		{Name: "resident cannot read another's draft", Method: http.MethodGet, URL: one("drafts", f.ids["b-draft"]), Headers: f.auth("a"), ExpectedStatus: 404},
		{Name: "resident reads own drafts only", Method: http.MethodGet, URL: list("drafts"), Headers: f.auth("a"),
			ExpectedStatus: 200, ExpectedContent: []string{"draft of a"}, NotExpectedContent: []string{"draft of b"}},
		{Name: "resident cannot delete another's draft", Method: http.MethodDelete, URL: one("drafts", f.ids["b-draft"]), Headers: f.auth("a"), ExpectedStatus: 404},
		{Name: "resident reads own reservations only", Method: http.MethodGet, URL: list("reservations"), Headers: f.auth("a"),
			ExpectedStatus: 200, ExpectedContent: []string{"party of a"}, NotExpectedContent: []string{"party of b"}},
		{Name: "guest sees no reservations", Method: http.MethodGet, URL: list("reservations"),
			ExpectedStatus: 200, ExpectedContent: []string{`"totalItems":0`}},
		{Name: "resident cannot see another's follows", Method: http.MethodGet, URL: one("follows", f.ids["b-follow"]), Headers: f.auth("a"), ExpectedStatus: 404},

		// Superuser-only collections.
		{Name: "outbox is closed to residents", Method: http.MethodGet, URL: list("outbox"), Headers: f.auth("a"), ExpectedStatus: 403},
		{Name: "outbox is closed to guests", Method: http.MethodGet, URL: list("outbox"), ExpectedStatus: 403},
		{Name: "api keys are closed to residents", Method: http.MethodGet, URL: list("api_keys"), Headers: f.auth("a"), ExpectedStatus: 403},
		{Name: "digest runs are closed to residents", Method: http.MethodGet, URL: list("digest_runs"), Headers: f.auth("a"), ExpectedStatus: 403},
		{Name: "page revisions are closed to residents", Method: http.MethodGet, URL: list("page_revisions"), Headers: f.auth("a"), ExpectedStatus: 403},
		{Name: "the clerk sees the outbox", Method: http.MethodGet, URL: list("outbox"), Headers: f.auth("su"),
			ExpectedStatus: 200, ExpectedContent: []string{"Your request"}},

		// Public catalog and content: published and active only.
		{Name: "guest sees published pages only", Method: http.MethodGet, URL: list("pages"),
			ExpectedStatus: 200, ExpectedContent: []string{`"slug":"public"`}, NotExpectedContent: []string{"draft-page"}},
		{Name: "guest sees active services only", Method: http.MethodGet, URL: list("services"),
			ExpectedStatus: 200, ExpectedContent: []string{"pothole"}, NotExpectedContent: []string{"Retired service"}},
		{Name: "guest sees the town", Method: http.MethodGet, URL: list("town"),
			ExpectedStatus: 200, ExpectedContent: []string{"Testville"}},
		{Name: "residents cannot edit the town", Method: http.MethodPatch, URL: one("town", f.ids["town"]), Headers: f.auth("a"),
			Body: strings.NewReader(`{"name":"Mine"}`), ExpectedStatus: 403},
		{Name: "residents cannot write pages", Method: http.MethodPost, URL: list("pages"), Headers: f.auth("a"),
			Body: strings.NewReader(`{"title":"x","slug":"x","language":"en","section":"waste","published":true}`), ExpectedStatus: 403},
	}
	for _, s := range scenarios {
		s.TestAppFactory = f.factory
		if len(s.ExpectedContent) == 0 {
			s.ExpectedContent = []string{fmt.Sprintf(`"status":%d`, s.ExpectedStatus)}
		}
		s.Test(t)
	}
}

// Every API rule that lets someone in by their account asks for a confirmed
// email address, in collections added later too.
func TestAccountRulesRequireConfirmedEmail(t *testing.T) {
	app := schematest.App(t)
	cols, err := app.FindAllCollections()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cols {
		for name, r := range map[string]*string{"list": c.ListRule, "view": c.ViewRule, "create": c.CreateRule, "update": c.UpdateRule, "delete": c.DeleteRule} {
			if c.System || r == nil || !strings.Contains(*r, "@request.auth.id") {
				continue
			}
			if !strings.HasPrefix(*r, "@request.auth.verified = true && ") {
				t.Errorf("%s %s rule admits unconfirmed accounts: %s", c.Name, name, *r)
			}
		}
	}
	users, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	if users.CreateRule != nil || users.AuthRule == nil || *users.AuthRule != "verified = true" {
		t.Errorf("users: create rule %v, auth rule %v", users.CreateRule, users.AuthRule)
	}
}
