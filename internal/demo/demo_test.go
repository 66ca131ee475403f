package demo_test

import (
	"os"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/demo"
	"github.com/townhall/townhall/internal/schema/schematest"
)

func TestMain(m *testing.M) { schematest.Run(m) }

func seeded(t *testing.T) (core.App, *demo.Credentials) {
	t.Helper()
	app := schematest.App(t)
	if need, err := demo.Needed(app); err != nil || !need {
		t.Fatalf("before seeding: needed=%v err=%v", need, err)
	}
	creds, report, err := demo.Seed(app, os.DirFS("../../content"))
	if err != nil {
		t.Fatal(err)
	}
	if report == nil || len(report.Errors) > 0 || len(report.Created) < 34 {
		t.Fatalf("starter content report: %+v", report)
	}
	if need, err := demo.Needed(app); err != nil || need {
		t.Fatalf("after seeding: needed=%v err=%v", need, err)
	}
	return app, creds
}

// The demo accounts can sign in with the printed passwords, which are easy
// to read aloud and differ between the two accounts.
func TestSeedPrintsWorkingPasswords(t *testing.T) {
	app, creds := seeded(t)
	readable := regexp.MustCompile(`^[a-z2-9-]{12,}$`)
	for _, c := range []struct{ collection, email, password string }{
		{core.CollectionNameSuperusers, creds.SuperuserEmail, creds.SuperuserPassword},
		{"users", creds.ResidentEmail, creds.ResidentPassword},
	} {
		r, err := app.FindAuthRecordByEmail(c.collection, c.email)
		if err != nil {
			t.Fatalf("%s: %v", c.email, err)
		}
		if !r.ValidatePassword(c.password) {
			t.Errorf("%s: the printed password does not sign in", c.email)
		}
		if !readable.MatchString(c.password) {
			t.Errorf("%s: password %q is not easy to read aloud", c.email, c.password)
		}
	}
	if creds.SuperuserPassword == creds.ResidentPassword {
		t.Error("both accounts got the same password")
	}
}

// Every demo service asks only Open311 questions: a known datatype, list
// questions with choices, and the question in Spanish as well as English.
func TestServicesAskValidQuestions(t *testing.T) {
	app, _ := seeded(t)
	recs, err := app.FindAllRecords("services")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) < 12 {
		t.Fatalf("%d services, want the demo's dozen or more", len(recs))
	}
	datatypes := []string{"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}
	for _, r := range recs {
		var attrs []struct {
			Code        string            `json:"code"`
			Datatype    string            `json:"datatype"`
			Description map[string]string `json:"description"`
			Values      []struct {
				Key string `json:"key"`
			} `json:"values"`
		}
		if err := r.UnmarshalJSONField("fields", &attrs); err != nil {
			t.Fatalf("%s: fields: %v", r.GetString("code"), err)
		}
		for _, a := range attrs {
			where := r.GetString("code") + "." + a.Code
			if !slices.Contains(datatypes, a.Datatype) {
				t.Errorf("%s: datatype %q is not Open311's", where, a.Datatype)
			}
			if a.Description["en"] == "" || a.Description["es"] == "" {
				t.Errorf("%s: question %v lacks English or Spanish", where, a.Description)
			}
			if list := a.Datatype == "singlevaluelist" || a.Datatype == "multivaluelist"; list != (len(a.Values) > 0) {
				t.Errorf("%s: %s with %d values", where, a.Datatype, len(a.Values))
			}
		}
	}
}

// The calendar is seeded from the day of seeding in the town's time zone:
// soccer registration is open now, and meetings are in the future at 7 p.m.
// in Alder Creek, whatever the server's own zone.
func TestBookingIsCurrentInTheTownsZone(t *testing.T) {
	app, _ := seeded(t)
	now := time.Now()
	sessions, err := app.FindAllRecords("program_sessions")
	if err != nil || len(sessions) != 2 {
		t.Fatalf("program sessions: %d, %v", len(sessions), err)
	}
	for _, s := range sessions {
		opens, closes := s.GetDateTime("registration_opens").Time(), s.GetDateTime("registration_closes").Time()
		if !opens.Before(now) || !closes.After(now) {
			t.Errorf("%s: registration %v to %v is not open now", s.GetString("name"), opens, closes)
		}
	}
	loc, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	events, err := app.FindAllRecords("events")
	if err != nil || len(events) < 6 {
		t.Fatalf("events: %d, %v", len(events), err)
	}
	for _, e := range events {
		start := e.GetDateTime("starts").Time().In(loc)
		if !start.After(now) || start.Weekday() != time.Tuesday || start.Hour() != 19 {
			t.Errorf("meeting at %v: want a future Tuesday at 19:00 in the town's zone", start)
		}
	}
}
