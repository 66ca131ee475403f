package townhall_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// A resident's reply reaches the staff who work on the request, also those
// of another department the clerk gave this one to, and the assignee; the
// alert links to the request's desk screen, not to the dashboard.
func TestResidentReplyReachesTheRequestsStaff(t *testing.T) {
	app, d := townhalltest.NewRequestsApp(t)
	defer app.Cleanup()
	svc, err := app.FindFirstRecordByData("services", "code", "pothole")
	if err != nil {
		t.Fatal(err)
	}
	other, err := app.FindFirstRecordByFilter("departments", "id != {:d}", dbx.Params{"d": svc.GetString("department")})
	if err != nil {
		t.Fatal(err)
	}
	helper := user(t, app, "helper@aldercreek.example", "es", "staff", other.Id)
	helper.Set("departments", []string{svc.GetString("department")})
	if err := app.Save(helper); err != nil {
		t.Fatal(err)
	}
	assignee := user(t, app, "assignee@aldercreek.example", "en", "staff", other.Id)
	req, resident := residentPothole(t, app, d, "Hole")
	req.Set("assignee", assignee.Id)
	if err := app.Save(req); err != nil {
		t.Fatal(err)
	}
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: req.Id, Kind: "comment", Body: "Sigue ahí",
		AuthorID: resident.Id, Channel: "web"}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, m := range outbox(t, app) {
		if strings.Contains(m.GetString("dedupe_key"), ":staff:update:") {
			got[m.GetString("to")] = m.GetString("text")
		}
	}
	for _, who := range []string{helper.Email(), assignee.Email()} {
		text, ok := got[who]
		if !ok {
			t.Errorf("%s was not told of the reply (told: %v)", who, got)
			continue
		}
		if !strings.Contains(text, "/staff/requests/"+req.GetString("number")) || strings.Contains(text, "/_/") {
			t.Errorf("%s's alert does not link to the desk: %s", who, text)
		}
	}
}
