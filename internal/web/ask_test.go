package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/requests"
)

// The Ask page quotes a help page's answer word for word, with its page;
// "No: ask the clerk" files the question as a general inquiry; an empty
// question is a field error.
func TestAskPageAnswersThenAsksTheClerk(t *testing.T) {
	app := demoApp(t)
	page, err := app.FindFirstRecordByFilter("pages", "slug = 'trash-and-recycling-collection'")
	if err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, app)
	b.expect(b.do("GET", "/en/ask?q="+url.QueryEscape("when is trash pikup?"), nil), 200,
		"<blockquote", page.GetString("answer"), `href="/en/help/waste/trash-and-recycling-collection"`, "Did this answer it?", "Ask the clerk")
	es, err := app.FindFirstRecordByFilter("pages", "slug = 'recogida-de-basura-y-reciclaje'")
	if err != nil {
		t.Fatal(err)
	}
	b.expect(b.do("GET", "/es/ask?q="+url.QueryEscape("¿cuándo pasa la basura?"), nil), 200, es.GetString("answer"))
	b.expect(b.do("POST", "/en/ask", url.Values{"q": {"  "}}), 422, "Type your question.")
	b.expect(b.do("POST", "/en/ask", url.Values{"q": {"when is trash pikup?"}, "email": {"not an address"}}), 422)
	rec := b.do("POST", "/en/ask", url.Values{"q": {"Is there pickup on the day after Thanksgiving?"}, "email": {"kim@example.org"}})
	b.expect(rec, 303)
	loc := rec.Header().Get("Location")
	number := strings.TrimSuffix(strings.TrimPrefix(strings.SplitN(loc, "?", 2)[0], "/en/requests/"), "/received")
	req, err := requests.ByNumber(app, number)
	if err != nil {
		t.Fatalf("no request after asking the clerk (%s): %v", loc, err)
	}
	svc, err := app.FindRecordById("services", req.GetString("service"))
	if err != nil {
		t.Fatal(err)
	}
	if svc.GetString("code") != "general" || req.GetString("contact_email") != "kim@example.org" ||
		req.GetString("description") != "Is there pickup on the day after Thanksgiving?" {
		t.Fatalf("filed %s for %s: %q", svc.GetString("code"), req.GetString("contact_email"), req.GetString("description"))
	}
}

// A resident confirms a number with the code texted to it; a wrong code
// is refused; the profile then offers texts about requests and alerts.
func TestAccountPhoneIsConfirmedByACode(t *testing.T) {
	app := demoApp(t)
	b := signedInResident(t, app, "a password for texts")
	b.expect(b.do("POST", "/en/account/phone", url.Values{"sms_number": {"call me"}}), 422, "Enter a mobile number")
	b.expect(b.do("POST", "/en/account/phone", url.Values{"sms_number": {"(555) 010-0199"}}), 303)
	b.expect(b.do("GET", "/en/account/phone", nil), 200, "15550100199") // html/template writes + as &#43;
	texts, err := app.FindRecordsByFilter("outbox", "to = '+15550100199' && channel = 'sms'", "-created", 1, 0)
	if err != nil || len(texts) != 1 {
		t.Fatalf("no code texted: %v", err)
	}
	code := regexp.MustCompile(`\b\d{6}\b`).FindString(texts[0].GetString("text"))
	b.expect(b.do("POST", "/en/account/phone/confirm", url.Values{"code": {"000000x"}}), 422, "That code is not right")
	b.expect(b.do("POST", "/en/account/phone/confirm", url.Values{"code": {code}}), 303)
	u, err := app.FindAuthRecordByEmail("users", residentEmail)
	if err != nil {
		t.Fatal(err)
	}
	if u.GetString("sms_number") != "+15550100199" || !u.GetBool("sms_updates") || u.GetString("sms_code") != "" {
		t.Fatalf("after the code: number %q, updates %v", u.GetString("sms_number"), u.GetBool("sms_updates"))
	}
	b.expect(b.do("GET", "/en/account", nil), 200, "Texts to &#43;15550100199", "Text me critical alerts")
}

// "Text me updates" on the request form needs a mobile number, and files
// a request whose updates are texted to it.
func TestRequestFormTextMeUpdates(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	form := url.Values{"description": {"A deep pothole by the school"}, "address": {"5 School Street"},
		"attr.size": {"small"}, "contact_email": {"lee@example.org"}, "text_updates": {"on"}, "action": {"send"}}
	b.expect(b.do("POST", "/en/services/pothole/request", form), 422, "Enter a mobile number for texts")
	form.Set("contact_phone", "555 010 0142")
	rec := b.do("POST", "/en/services/pothole/request", form)
	b.expect(rec, 303)
	reqs, err := app.FindRecordsByFilter("requests", "contact_email = 'lee@example.org'", "", 1, 0)
	if err != nil || len(reqs) != 1 {
		t.Fatalf("no request: %v", err)
	}
	if !reqs[0].GetBool("text_updates") || reqs[0].GetString("contact_phone") != "+15550100142" {
		t.Fatalf("texts %v to %q", reqs[0].GetBool("text_updates"), reqs[0].GetString("contact_phone"))
	}
}
