package web_test

import (
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// The clerk's metrics page draws its charts on the server with their
// tables, in English and Spanish; a staff member sees their departments
// only, and a bad period or another department is said beside the field.
func TestDeskMetricsPage(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	staffMember(t, app, "water@staff.example", "water")
	newRequest(t, app, "pothole", map[string]any{"channel": "email"})
	newRequest(t, app, "pothole", nil)
	w := newRequest(t, app, "water-bill", nil)
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: w.Id, Kind: "status", Status: "resolved"}); err != nil {
		t.Fatal(err)
	}
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	page := b.do("GET", "/en/staff/metrics?period=this_month", nil)
	b.expect(page, 200, "How the town is doing", `<svg class="chart"`, "Received by service", "Received by channel", "Open today, by age",
		`<dt>Received</dt><dd><span class="metric-value">3</span>`, `<dt>Closed</dt><dd><span class="metric-value">1</span>`,
		`<th scope="row">Email</th><td>1</td>`, `<th scope="row">Phone</th><td>2</td>`, `<th scope="row">0–7 days</th><td>2</td>`)
	if strings.Contains(page.Body.String(), "<script") {
		t.Error("the metrics page uses JavaScript")
	}
	b.expect(b.do("GET", "/es/staff/metrics", nil), 200, `<html lang="es"`, "Recibidas por servicio")
	b.expect(b.do("GET", "/en/staff/metrics?period=custom&from=2026-03-09&to=2026-03-01", nil), 422, "The last day must be on or after the first")
	b.expect(b.do("GET", "/en/staff/metrics?period=custom&from=yesterday&to=", nil), 422, "Enter a date")
	b.expect(b.do("GET", "/en/staff/metrics?period=decade", nil), 422, "Choose one of the periods")

	water := b.another()
	deskSignIn(water, "en", "water@staff.example")
	page = water.do("GET", "/en/staff/metrics", nil)
	water.expect(page, 200, `<dt>Received</dt><dd><span class="metric-value">1</span>`)
	pothole, err := app.FindFirstRecordByData("services", "code", "pothole")
	if err != nil {
		t.Fatal(err)
	}
	water.expect(water.do("GET", "/en/staff/metrics?department="+pothole.GetString("department"), nil), 422, "Choose one of your departments")
	if rec := b.another().do("GET", "/en/staff/metrics", nil); rec.Code != 303 {
		t.Errorf("a visitor gets %d, want the sign-in redirect", rec.Code)
	}
}

// The staff CSV has the contact columns and only the staff member's
// departments; the public CSV has public requests only, nothing personal.
func TestMetricsCSV(t *testing.T) {
	app := demoApp(t)
	staffMember(t, app, "water@staff.example", "water")
	newRequest(t, app, "pothole", map[string]any{"contact_email": "pat@example.com", "public": true, "description": "Hole, call 555-867-5309"})
	newRequest(t, app, "water-bill", map[string]any{"contact_email": "lee@example.com", "contact_name": "Lee Private"})
	b := deskBrowser(t, app, "en", "water@staff.example")
	rec := b.do("GET", "/en/staff/metrics/requests.csv", nil)
	b.expect(rec, 200, "service_request_id,status,status_notes,service_name,service_code", "contact_email", "lee@example.com")
	if ct := rec.Header().Get("Content-Type"); ct != "text/csv; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
	if strings.Contains(rec.Body.String(), "pat@example.com") {
		t.Error("the water department's CSV has a pothole request")
	}
	b.expect(b.do("GET", "/en/staff/metrics/requests.csv?period=custom&from=x", nil), 422, "Enter a date")

	pub := b.another().do("GET", "/en/performance/requests.csv?period=this_year", nil)
	if pub.Code != 200 {
		t.Fatalf("public CSV: %d %.300s", pub.Code, pub.Body.String())
	}
	body := pub.Body.String()
	for _, personal := range []string{"contact_email", "pat@example.com", "lee@example.com", "Lee Private", "555-867-5309", "12 Mill"} {
		if strings.Contains(body, personal) {
			t.Errorf("the public CSV shows %q:\n%s", personal, body)
		}
	}
	if lines := strings.Count(strings.TrimSpace(body), "\n"); lines != 1 {
		t.Errorf("the public CSV has %d requests, want the 1 public one:\n%s", lines, body)
	}
}

// The public performance page shows counts per month, overall and by
// service, nothing personal, in both languages.
func TestPerformancePage(t *testing.T) {
	app := demoApp(t)
	r := newRequest(t, app, "pothole", map[string]any{"contact_email": "pat@example.com", "contact_name": "Pat Person"})
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: r.Id, Kind: "status", Status: "closed"}); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, app)
	page := b.do("GET", "/en/performance", nil)
	b.expect(page, 200, "How we are doing", "All services", "Pothole", `<td>1</td><td>1</td><td>0.0</td><td>100%</td>`)
	for _, personal := range []string{"pat@example.com", "Pat Person", r.GetString("number")} {
		if strings.Contains(page.Body.String(), personal) {
			t.Errorf("the performance page shows %q", personal)
		}
	}
	b.expect(b.do("GET", "/es/performance", nil), 200, "Todos los servicios", "Mediana de días")
	b.expect(b.do("GET", "/en/performance/requests.csv?period=custom&from=2026-01-01&to=2028-01-01", nil), 422, "at most 366 days")
}

// "Is it fixed?": the resolved email carries signed links; opening one
// changes nothing; the one-button page records the answer once, and "no"
// reopens the request with what is still wrong.
func TestSatisfactionInOneClick(t *testing.T) {
	app := demoApp(t)
	r := newRequest(t, app, "pothole", map[string]any{"contact_email": "pat@example.com", "language": "en"})
	number := r.GetString("number")
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: r.Id, Kind: "status", Status: "resolved", Body: "Filled."}); err != nil {
		t.Fatal(err)
	}
	mail, err := app.FindFirstRecordByFilter("outbox", "to = 'pat@example.com' && dedupe_key ~ ':update:'")
	if err != nil {
		t.Fatal(err)
	}
	no := requests.FixedPath(app, "en", number, requests.FixedNo)
	if !strings.Contains(mail.GetString("text"), "Is it fixed?") || !strings.Contains(mail.GetString("text"), no) ||
		!strings.Contains(mail.GetString("html"), "Yes, it&#39;s fixed") {
		t.Fatalf("the resolved email has no one-click answers:\n%s", mail.GetString("text"))
	}
	b := newBrowser(t, app)
	u, err := url.Parse(no)
	if err != nil {
		t.Fatal(err)
	}
	b.expect(b.do("GET", no, nil), 200, "No, it isn&#39;t fixed", "What is still wrong?", `method="post"`)
	if got := reload(t, app, r.Id).GetString("satisfaction"); got != "" {
		t.Fatalf("opening the link recorded %q", got)
	}
	b.expect(b.do("GET", "/en/requests/"+number+"/fixed?answer=no&key=forged", nil), 403)
	b.expect(b.do("POST", "/en/requests/"+number+"/fixed", url.Values{"answer": {"no"}, "key": {"forged"}}), 403)
	form := url.Values{"answer": {"no"}, "key": {u.Query().Get("key")}, "body": {"The hole is back."}}
	rec := b.do("POST", "/en/requests/"+number+"/fixed", form)
	if rec.Code != 303 {
		t.Fatalf("answer: %d %.300s", rec.Code, rec.Body.String())
	}
	got := reload(t, app, r.Id)
	if got.GetString("satisfaction") != "no" || got.GetString("status") != "new" || got.GetInt("reopens") != 1 {
		t.Errorf("after no: satisfaction %q status %q reopens %d", got.GetString("satisfaction"), got.GetString("status"), got.GetInt("reopens"))
	}
	if _, err := app.FindFirstRecordByFilter("request_updates", "request = {:r} && kind = 'reopen' && body = 'The hole is back.'", dbx.Params{"r": r.Id}); err != nil {
		t.Errorf("no reopening with what is still wrong: %v", err)
	}
	b.expect(b.do("GET", rec.Header().Get("Location"), nil), 200, "We have your answer: it is not fixed.", "open again")
	form.Set("answer", "yes")
	b.do("POST", "/en/requests/"+number+"/fixed", form)
	if got := reload(t, app, r.Id).GetString("satisfaction"); got != "no" {
		t.Errorf("a second answer counted: %q", got)
	}
}

// reload reads a record again, failing the test on an error.
func reload(t *testing.T, app core.App, id string) *core.Record {
	t.Helper()
	r, err := app.FindRecordById("requests", id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
