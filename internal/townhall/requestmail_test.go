package townhall_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

func outbox(t *testing.T, app core.App) []*core.Record {
	t.Helper()
	recs, err := app.FindRecordsByFilter("outbox", "", "created", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func user(t *testing.T, app core.App, email, lang, role, dept string) *core.Record {
	t.Helper()
	return schematest.Create(t, app, "users", map[string]any{"email": email, "password": "long-enough-pw", "verified": true,
		"name": email, "language": lang, "role": role, "department": dept})
}

// residentPothole files a large pothole at 31 Mill Street described as
// description, in Spanish, by the demo town's Spanish resident; it returns
// the request and the resident.
func residentPothole(t *testing.T, app core.App, d *requests.Domain, description string) (*core.Record, *core.Record) {
	t.Helper()
	resident, err := app.FindAuthRecordByEmail("users", "resident@aldercreek.example")
	if err != nil {
		t.Fatal(err)
	}
	req, err := d.Submit(app, requests.Input{ServiceCode: "pothole", Channel: "web", ReporterID: resident.Id, Language: "es",
		Address: "31 Mill Street", Description: description, Answers: map[string][]string{"size": {"large"}}})
	if err != nil {
		t.Fatal(err)
	}
	return req, resident
}

// A request queues the reporter's confirmation and the department's alert
// in one transaction; each update reaches the reporter and followers in
// their own language; internal notes reach no one.
func TestRequestEmails(t *testing.T) {
	app, d := townhalltest.NewRequestsApp(t)
	defer app.Cleanup()
	svc, err := app.FindFirstRecordByData("services", "code", "pothole")
	if err != nil {
		t.Fatal(err)
	}
	staff := user(t, app, "crew@aldercreek.example", "en", "staff", svc.GetString("department"))
	follower := user(t, app, "neighbour@example.com", "en", "resident", "")
	req, resident := residentPothole(t, app, d, "Un bache <grande>")
	number := req.GetString("number")
	mails := outbox(t, app)
	if len(mails) != 2 {
		t.Fatalf("%d emails queued, want confirmation + staff alert", len(mails))
	}
	byTo := map[string]*core.Record{}
	for _, m := range mails {
		byTo[m.GetString("to")] = m
	}
	conf := byTo["resident@aldercreek.example"]
	if conf == nil || !strings.Contains(conf.GetString("subject"), "Recibimos su solicitud "+number) ||
		!strings.Contains(conf.GetString("text"), "/es/requests/"+number) || !strings.Contains(conf.GetString("html"), "Municipio de Alder Creek") {
		t.Errorf("confirmation: %v", conf)
	}
	alert := byTo[staff.Email()]
	if alert == nil || !strings.Contains(alert.GetString("subject"), "New request "+number) ||
		!strings.Contains(alert.GetString("html"), "Un bache &lt;grande&gt;") {
		t.Errorf("staff alert: %v", alert)
	}
	if err := requests.Follow(app, follower.Id, req.Id); err != nil {
		t.Fatal(err)
	}
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: req.Id, Kind: "note", Body: "crew busy"}); err != nil {
		t.Fatal(err)
	}
	if n := len(outbox(t, app)); n != 2 {
		t.Errorf("an internal note sent %d emails", n-2)
	}
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: req.Id, Kind: "status", Status: "in_progress", Body: "Crew on the way; call Sam at 555-867-5309"}); err != nil {
		t.Fatal(err)
	}
	mails = outbox(t, app)[2:]
	if len(mails) != 2 {
		t.Fatalf("status change queued %d emails, want reporter + follower", len(mails))
	}
	for _, m := range mails {
		switch m.GetString("to") {
		case resident.Email():
			if !strings.Contains(m.GetString("text"), "está ahora: En curso") || !strings.Contains(m.GetString("text"), "call Sam at 555-867-5309") {
				t.Errorf("Spanish status email: %s", m.GetString("text"))
			}
		case follower.Email():
			// A follower reads what the public page shows: no phone number.
			if !strings.Contains(m.GetString("text"), "is now: In progress") || !strings.Contains(m.GetString("text"), "Crew on the way") ||
				strings.Contains(m.GetString("text"), "867-5309") || strings.Contains(m.GetString("html"), "867-5309") {
				t.Errorf("English status email to a follower: %s", m.GetString("text"))
			}
		default:
			t.Errorf("unexpected recipient %s", m.GetString("to"))
		}
	}
	// The reporter's comment goes to the staff.
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: req.Id, Kind: "comment", Body: "Gracias", AuthorID: resident.Id, Channel: "web"}); err != nil {
		t.Fatal(err)
	}
	last := outbox(t, app)
	if got := last[len(last)-1]; got.GetString("to") != staff.Email() || !strings.Contains(got.GetString("subject"), "The reporter added") {
		t.Errorf("reporter comment email: %v", got)
	}
}
