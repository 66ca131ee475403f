package notify_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// Every email about a request carries its signed reply address, so a reply
// becomes a comment; a request that came by email is acknowledged by the
// email channel itself, not by the usual confirmation.
func TestRequestEmailsCarryReplyTo(t *testing.T) {
	t.Parallel()
	app, th := newTown(t)
	clerk := schematest.Department(t, app, "clerk")
	townhalltest.Question(t, app, clerk)
	account{email: "clerk.staff@testville.example", lang: "en", role: "staff", dept: clerk.Id}.create(t, app)
	req := submit(t, app, th, requests.Input{ServiceCode: "general", Description: "Hello", Channel: "web",
		ContactEmail: "al@example.org", ContactName: "Al", Language: "en"})
	number := req.GetString("number")
	mails, err := app.FindRecordsByFilter("outbox", "kind ~ 'request.'", "created", 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(mails) != 2 {
		t.Fatalf("%d request emails, want the confirmation and the staff alert", len(mails))
	}
	for _, m := range mails {
		var h map[string]string
		json.Unmarshal([]byte(m.GetString("headers")), &h)
		local, domain, _ := strings.Cut(h["Reply-To"], "@")
		num, sig, _ := strings.Cut(strings.TrimPrefix(local, "request+"), ".")
		if domain != "testville.example" || num != number || !requests.Verify(app, "reply", number, sig) {
			t.Errorf("%s to %s: Reply-To %q", m.GetString("kind"), m.GetString("to"), h["Reply-To"])
		}
	}

	submit(t, app, th, requests.Input{ServiceCode: "general", Description: "By email", Channel: "email",
		ContactEmail: "bo@example.org", Language: "en"})
	if got, err := app.FindRecordsByFilter("outbox", "to = 'bo@example.org'", "", 0, 0); err != nil || len(got) != 0 {
		if err != nil {
			t.Fatal(err)
		}
		t.Fatalf("an emailed request got the web confirmation too: %s", got[0].GetString("subject"))
	}
}
