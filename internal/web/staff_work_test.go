package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// template stores a reply template.
func replyTemplate(t *testing.T, app core.App, fields map[string]any) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId("response_templates")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(fields)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	return r
}

func count(t *testing.T, app core.App, collection, filter string, params dbx.Params) int {
	t.Helper()
	n, err := app.CountRecords(collection, dbx.NewExp(filter, params))
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

// A request made through the REST API or the dashboard gets the public
// form's checks: a missing required answer or a choice the list does not
// have is refused with the question and the problem; a request by email may
// leave the questions for later.
func TestDashboardRequestAnswersChecked(t *testing.T) {
	app := demoApp(t)
	su := clerk(t, app)
	tok, err := su.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	svc, err := app.FindFirstRecordByData("services", "code", "pothole")
	if err != nil {
		t.Fatal(err)
	}
	mux := serveMux(t, app)
	api := func(method, path, body string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", tok)
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		return rec
	}
	base := `{"service":"` + svc.Id + `","description":"Hole","address":"1 Mill Street","channel":"phone"`
	for _, c := range []struct{ body, want string }{
		{base + `}`, "How big is it?"},
		{base + `,"answers":{"size":"huge"}}`, "Choose one of the options"},
		{base + `,"answers":{"size":"large","colour":"red"}}`, "not on the service's form"},
	} {
		rec := api("POST", "/api/collections/requests/records", c.body)
		if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), c.want) || !strings.Contains(rec.Body.String(), `"answers"`) {
			t.Errorf("%s: %d %s", c.body, rec.Code, rec.Body.String())
		}
	}
	if n := count(t, app, "requests", "address = '1 Mill Street'", nil); n != 0 {
		t.Fatalf("%d refused requests were saved", n)
	}
	rec := api("POST", "/api/collections/requests/records", base+`,"answers":{"size":"large"}}`)
	if rec.Code != 200 {
		t.Fatalf("good request: %d %s", rec.Code, rec.Body.String())
	}
	email := api("POST", "/api/collections/requests/records", `{"service":"`+svc.Id+`","description":"Hole","channel":"email"}`)
	if email.Code != 200 {
		t.Fatalf("email request without answers: %d %s", email.Code, email.Body.String())
	}
	got, err := app.FindFirstRecordByFilter("requests", "address = '1 Mill Street'")
	if err != nil {
		t.Fatal(err)
	}
	if rec := api("PATCH", "/api/collections/requests/records/"+got.Id, `{"answers":{"size":"huge"}}`); rec.Code != 400 {
		t.Errorf("changing an answer to a choice not on the list: %d %s", rec.Code, rec.Body.String())
	}
}

// A template set to go out by itself is sent once, in the resident's
// language, each time a request enters its status, whether the desk or the
// dashboard changes the status; other saves send nothing.
func TestTemplateSentOnEnteringStatus(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	replyTemplate(t, app, map[string]any{"name": "Fixed", "status": "resolved", "auto_send": true,
		"text_en": "We fixed {number}.", "text_es": "Arreglamos la solicitud {number} ({service})."})
	req := newRequest(t, app, "pothole", map[string]any{"contact_email": "ana@example.com", "language": "es"})
	number := req.GetString("number")
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	path := "/en/staff/requests/" + number
	if rec := b.do("POST", path, url.Values{"action": {"status"}, "status": {"resolved"}}); rec.Code != 303 {
		t.Fatalf("status: %d %.500s", rec.Code, rec.Body.String())
	}
	b.expect(b.do("POST", path, url.Values{"action": {"priority"}, "priority": {"high"}}), 303)
	want := "Arreglamos la solicitud " + number + " (Bache)."
	comments := count(t, app, "request_updates", "request = {:r} AND kind = 'comment'", dbx.Params{"r": req.Id})
	mails := count(t, app, "outbox", "\"to\" = 'ana@example.com' AND text LIKE {:w}", dbx.Params{"w": "%" + want + "%"})
	if comments != 1 || mails != 1 {
		t.Fatalf("after resolving and another save: %d comments, %d emails with %q", comments, mails, want)
	}
	b.expect(b.do("GET", path, nil), 200, want)

	// The dashboard's path: the status field edited directly.
	other := newRequest(t, app, "pothole", map[string]any{"contact_email": "bo@example.com", "language": "en"})
	other.Set("status", "resolved")
	if err := app.Save(other); err != nil {
		t.Fatal(err)
	}
	if n := count(t, app, "outbox", "\"to\" = 'bo@example.com' AND text LIKE {:w}", dbx.Params{"w": "%We fixed " + other.GetString("number") + "%"}); n != 1 {
		t.Errorf("dashboard status change: %d automatic replies", n)
	}
}

// Choosing a template fills the reply in the resident's language, without
// JavaScript: the picker is a GET form.
func TestDeskTemplateFillsReply(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	tpl := replyTemplate(t, app, map[string]any{"name": "Scheduled", "text_en": "Booked for {due}.", "text_es": "Programada para el {due}."})
	req := newRequest(t, app, "pothole", map[string]any{"language": "es"})
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	path := "/en/staff/requests/" + req.GetString("number")
	page := b.do("GET", path+"?template="+tpl.Id, nil)
	b.expect(page, 200, "Programada para el ", `is filled in below, in Español`)
	if strings.Contains(page.Body.String(), "{due}") {
		t.Error("the placeholder was not filled")
	}
	b.expect(b.do("GET", path+"?template=nope", nil), 200, "Choose a template from the list")
}

// Marking a duplicate closes the request, tells its reporter in their
// language which request it repeats with its link, and a reporter without
// an account then hears about the original by email.
func TestDeskMarkDuplicate(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	orig := newRequest(t, app, "pothole", nil)
	dup := newRequest(t, app, "pothole", map[string]any{"contact_email": "eva@example.com", "contact_name": "Eva", "language": "es"})
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	path := "/en/staff/requests/" + dup.GetString("number")
	b.expect(b.do("POST", path, url.Values{"action": {"duplicate"}, "duplicate_of": {dup.GetString("number")}}), 422, "Enter the number of another request")
	b.expect(b.do("POST", path, url.Values{"action": {"duplicate"}, "duplicate_of": {"1999-000001"}}), 422, "There is no request with this number")
	b.expect(b.do("POST", path, url.Values{"action": {"duplicate"}, "duplicate_of": {orig.GetString("number")}}), 303)
	got, err := app.FindRecordById("requests", dup.Id)
	if err != nil {
		t.Fatal(err)
	}
	if got.GetString("status") != "closed" || got.GetString("duplicate_of") != orig.Id {
		t.Fatalf("status %q, duplicate of %q", got.GetString("status"), got.GetString("duplicate_of"))
	}
	mail := lastMail(t, app, "eva@example.com")
	if mail.GetString("language") != "es" || !strings.Contains(mail.GetString("text"), "Es la misma que la solicitud "+orig.GetString("number")) ||
		!strings.Contains(mail.GetString("text"), "/es/requests/"+orig.GetString("number")) {
		t.Errorf("duplicate email in %s: %s", mail.GetString("language"), mail.GetString("text"))
	}
	b.expect(b.do("GET", path, nil), 200, "Duplicate of", "Es la misma que la solicitud")
	// The original's news reaches Eva, in Spanish.
	b.expect(b.do("POST", "/en/staff/requests/"+orig.GetString("number"), url.Values{"action": {"status"}, "status": {"in_progress"}}), 303)
	news := lastMail(t, app, "eva@example.com")
	if news.Id == mail.Id || !strings.Contains(news.GetString("subject"), orig.GetString("number")) || news.GetString("language") != "es" {
		t.Errorf("no news of the original: %s (%s)", news.GetString("subject"), news.GetString("language"))
	}
}

// Publishing shows the request on the public site with the description
// staff wrote; unpublishing hides it; the timeline notes both.
func TestDeskPublish(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	req := newRequest(t, app, "pothole", map[string]any{"channel": "email", "description": "Hole outside. Call me, Ann Lee, 555-0100", "public": false})
	number := req.GetString("number")
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	path := "/en/staff/requests/" + number
	b.expect(b.do("GET", path, nil), 200, "no description (it came by email")
	b.expect(b.do("POST", path, url.Values{"action": {"publish"}, "public": {"on"}, "published_description": {"A deep pothole."}}), 303)
	visitor := &browser{t: t, mux: b.mux, cookies: map[string]*http.Cookie{}}
	visitor.expect(visitor.do("GET", "/en/requests/"+number, nil), 200, "A deep pothole.")
	if strings.Contains(visitor.do("GET", "/en/requests/"+number, nil).Body.String(), "555-0100") {
		t.Error("the resident's phone is public")
	}
	b.expect(b.do("POST", path, url.Values{"action": {"publish"}, "published_description": {"A deep pothole."}}), 303)
	got, err := app.FindRecordById("requests", req.Id)
	if err != nil {
		t.Fatal(err)
	}
	if got.GetBool("public") {
		t.Error("still public after unpublishing")
	}
	b.expect(b.do("GET", path, nil), 200, "Published the request on the public site", "Hid the request from the public site")
}

// The answers an email could not give are listed with inputs and checked
// as the public form checks them; the desk warns while the Application
// URL is one residents cannot reach.
func TestDeskMissingAnswers(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	req := newRequest(t, app, "pothole", map[string]any{"channel": "email"})
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	path := "/en/staff/requests/" + req.GetString("number")
	b.expect(b.do("GET", path, nil), 200, "Answers still missing", `name="attr.size"`, "which residents cannot reach")
	b.expect(b.do("POST", path, url.Values{"action": {"answers"}}), 422, `id="f-attr-size-error"`, "Answer “How big is it?”")
	b.expect(b.do("POST", path, url.Values{"action": {"answers"}, "attr.size": {"huge"}}), 422, `id="f-attr-size-error"`, "Choose one of the options")
	b.expect(b.do("POST", path, url.Values{"action": {"answers"}, "attr.size": {"large"}}), 303)
	page := b.do("GET", path, nil)
	b.expect(page, 200, "Bigger than a car tyre", "Filled in the form")
	if strings.Contains(page.Body.String(), "Answers still missing") {
		t.Error("the answered question is still listed as missing")
	}
}

// Phone entry uses the service's own form and checks: a missing answer is
// shown beside its question and nothing is stored; a good entry is filed
// with the channel and language given, and the caller gets the
// confirmation in their language.
func TestDeskPhoneEntry(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	b.expect(b.do("GET", "/en/staff/new", nil), 200, "New phone or walk-in request", `name="service"`)
	b.expect(b.do("GET", "/en/staff/new?service=pothole", nil), 200, "How big is it?", `value="walk_in"`)
	b.expect(b.do("GET", "/en/staff/new?service=nope", nil), 422, "Choose a service from the list")
	form := url.Values{"channel": {"phone"}, "language": {"es"}, "description": {"Hole by the school"}, "address": {"4 Oak Street"},
		"contact_name": {"Rosa"}, "contact_email": {"rosa@example.com"}}
	b.expect(b.do("POST", "/en/staff/new?service=pothole", form), 422, `id="f-attr-size-error"`, "Answer “How big is it?”")
	bad := url.Values{"channel": {"fax"}, "language": {"xx"}, "attr.size": {"huge"}}
	b.expect(b.do("POST", "/en/staff/new?service=pothole", bad), 422, "Choose phone or walk-in", "Choose a language from the list", "Choose one of the options")
	if n := count(t, app, "requests", "address = '4 Oak Street'", nil); n != 0 {
		t.Fatalf("%d refused entries stored", n)
	}
	form.Set("attr.size", "large")
	rec := b.do("POST", "/en/staff/new?service=pothole", form)
	if rec.Code != 303 {
		t.Fatalf("entry: %d %.800s", rec.Code, rec.Body.String())
	}
	req, err := app.FindFirstRecordByFilter("requests", "address = '4 Oak Street'")
	if err != nil {
		t.Fatal(err)
	}
	if req.GetString("channel") != "phone" || req.GetString("language") != "es" || req.GetString("contact_email") != "rosa@example.com" {
		t.Errorf("stored %s in %s for %s", req.GetString("channel"), req.GetString("language"), req.GetString("contact_email"))
	}
	if loc := rec.Header().Get("Location"); loc != "/en/staff/requests/"+req.GetString("number") {
		t.Errorf("sent to %q", loc)
	}
	mail := lastMail(t, app, "rosa@example.com")
	if mail.GetString("language") != "es" || !strings.Contains(mail.GetString("subject"), req.GetString("number")) {
		t.Errorf("confirmation in %s: %s", mail.GetString("language"), mail.GetString("subject"))
	}
}

// Bulk actions from the queue: assign three requests at once; change their
// status with a template's reply, each in its resident's language; close
// them as duplicates; a refusal on one changes none.
func TestDeskBulk(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	sam := staffMember(t, app, "sam@staff.example", "public-works")
	tpl := replyTemplate(t, app, map[string]any{"name": "Planned", "status": "in_progress", "text_en": "{number} is planned.", "text_es": "{number} está prevista."})
	var numbers []string
	for _, l := range []string{"en", "es", "es"} {
		numbers = append(numbers, newRequest(t, app, "pothole", map[string]any{"language": l, "contact_email": "r" + l + "@example.com"}).GetString("number"))
	}
	water := newRequest(t, app, "water-bill", nil).GetString("number")
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	b.expect(b.do("GET", "/en/staff", nil), 200, `name="number" value="`+numbers[0]+`"`, "Sam Staff")
	b.expect(b.do("POST", "/en/staff/bulk", url.Values{"bulk": {"assign"}, "bulk_assignee": {sam.Id}}), 422, "Choose at least one request")
	b.expect(b.do("POST", "/en/staff/bulk", url.Values{"number": numbers}), 422, "Choose what to do")
	refused := append([]string{water}, numbers...)
	b.expect(b.do("POST", "/en/staff/bulk", url.Values{"bulk": {"assign"}, "bulk_assignee": {sam.Id}, "number": refused}), 422,
		"Nothing was changed: request "+water)
	if n := count(t, app, "requests", "assignee = {:a}", dbx.Params{"a": sam.Id}); n != 0 {
		t.Fatalf("a refused bulk action assigned %d", n)
	}
	rec := b.do("POST", "/en/staff/bulk?tab=open", url.Values{"bulk": {"assign"}, "bulk_assignee": {sam.Id}, "number": numbers})
	if rec.Code != 303 || rec.Header().Get("Location") != "/en/staff?tab=open" {
		t.Fatalf("bulk assign: %d %q %.500s", rec.Code, rec.Header().Get("Location"), rec.Body.String())
	}
	if n := count(t, app, "requests", "assignee = {:a}", dbx.Params{"a": sam.Id}); n != 3 {
		t.Fatalf("%d requests assigned, want 3", n)
	}
	b.expect(b.do("POST", "/en/staff/bulk", url.Values{"bulk": {"status"}, "bulk_status": {"in_progress"}, "bulk_template": {tpl.Id}, "number": numbers}), 303)
	mail := lastMail(t, app, "res@example.com")
	if !strings.Contains(mail.GetString("text"), " está prevista.") {
		t.Errorf("Spanish reporter got: %s", mail.GetString("text"))
	}
	if n := count(t, app, "requests", "status = 'in_progress'", nil); n != 3 {
		t.Errorf("%d in progress, want 3", n)
	}
	b.expect(b.do("POST", "/en/staff/bulk", url.Values{"bulk": {"duplicate"}, "bulk_duplicate": {water}, "number": numbers[1:]}), 303)
	if n := count(t, app, "requests", "status = 'closed' AND duplicate_of != ''", nil); n != 2 {
		t.Errorf("%d closed as duplicates, want 2", n)
	}
}
