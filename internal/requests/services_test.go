package requests_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// fields are the fields a validation error names.
func fields(err error) map[string]string {
	out := map[string]string{}
	if v, ok := requests.AsValidation(err); ok {
		for _, f := range v.Fields {
			out[f.Field] = f.Message
		}
	}
	return out
}

// A report with nothing in it is refused on every channel: a pothole needs
// a place, a question needs the question, an application a way to answer
// and no place. An email is filed without a separate place (the clerk
// asks), as it is without the form's answers.
func TestEachServiceSaysWhatARequestNeeds(t *testing.T) {
	app, d := townApp(t)
	dept := works(t, app)
	pothole(t, app, dept)
	question(t, app, dept)
	schematest.Service(t, app, dept, "licence", map[string]any{"kind": "application", "needs_contact": true,
		"fields": []any{townhalltest.Field("dog_name", "string", true, "dog_name")}})
	size := map[string][]string{"size": {"large"}}
	for _, ch := range []string{requests.ChannelWeb, requests.ChannelOpen311, requests.ChannelPhone} {
		_, err := d.Submit(app, requests.Input{ServiceCode: "pothole", Channel: ch, Answers: size})
		if got := fields(err); got["address"] != "request.error.address_needed.problem" {
			t.Errorf("%s: a pothole with only a size: %v", ch, err)
		}
		_, err = d.Submit(app, requests.Input{ServiceCode: "general", Channel: ch, ContactEmail: "ana@example.com"})
		if got := fields(err); got["description"] != "request.error.description_needed.question" {
			t.Errorf("%s: an empty question: %v", ch, err)
		}
	}
	_, err := d.Submit(app, requests.Input{ServiceCode: "licence", Channel: requests.ChannelPhone,
		Answers: map[string][]string{"dog_name": {"Rex"}}})
	if got := fields(err); got["contact_email"] != "request.error.contact_needed" || got["address"] != "" {
		t.Errorf("a dog licence by phone with no way to answer: %v", err)
	}
	at := &types.GeoPoint{Lon: -72.5, Lat: 44.2}
	if _, err := d.Submit(app, requests.Input{ServiceCode: "pothole", Channel: requests.ChannelOpen311, Location: at, Answers: size}); err != nil {
		t.Errorf("a pothole with a point on the map: %v", err)
	}
	if _, err := d.Submit(app, requests.Input{ServiceCode: "pothole", Channel: requests.ChannelEmail, Description: "Big hole by the school",
		ContactEmail: "ana@example.com"}); err != nil {
		t.Errorf("a pothole by email: %v", err)
	}
	if _, err := d.Submit(app, requests.Input{ServiceCode: "licence", Channel: requests.ChannelPhone, ContactPhone: "555-0101",
		Answers: map[string][]string{"dog_name": {"Rex"}}}); err != nil {
		t.Errorf("a dog licence by phone with no place: %v", err)
	}
	if n := schematest.Count(t, app, "requests"); n != 3 {
		t.Errorf("%d requests stored, want the 3 complete ones", n)
	}
}

// The clerk entering a request in the admin UI is held to the same needs,
// with an error beside the field.
func TestDashboardEntryNeedsAPlace(t *testing.T) {
	app, _ := townApp(t)
	svc := pothole(t, app, works(t, app))
	r := schematest.New(t, app, "requests", map[string]any{"service": svc.Id, "channel": "phone", "answers": map[string]any{"size": "large"}})
	err := app.Save(r)
	var verrs validation.Errors
	if !errors.As(err, &verrs) || verrs["address"] == nil {
		t.Fatalf("a pothole without a place saved from the dashboard: %v", err)
	}
	r.Set("address", "Mill Street at School Road")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
}

// The admin UI's JSON field gets the editor's rules: a "dropdown" is
// refused with the datatypes it could be, and nothing is saved; the six
// Open311 datatypes are accepted.
func TestServiceQuestionsAreChecked(t *testing.T) {
	app, _ := townApp(t)
	svc := pothole(t, app, works(t, app))
	before := svc.GetString("fields")
	svc.Set("fields", `[{"code":"size","datatype":"dropdown","required":true,"order":1,"description":{"en":"How big?"},"values":[{"key":"s","name":{"en":"Small"}}]}]`)
	err := app.Save(svc)
	if err == nil || !strings.Contains(err.Error(), "unknown datatype") || !strings.Contains(err.Error(), "Question 1 (datatype)") {
		t.Fatalf("a dropdown question: %v", err)
	}
	fresh, err := app.FindRecordById("services", svc.Id)
	if err != nil {
		t.Fatal(err)
	}
	if fresh.GetString("fields") != before {
		t.Errorf("the refused questions were saved: %s", fresh.GetString("fields"))
	}
	fresh.Set("fields", `[{"code":"kind","datatype":"singlevaluelist","description":{"en":"Kind"},"values":[]}]`)
	if err := app.Save(fresh); err == nil || !strings.Contains(err.Error(), "at least one choice") {
		t.Errorf("a list without choices: %v", err)
	}
	var all []map[string]any
	for i, dt := range requests.Datatypes {
		q := map[string]any{"code": "q" + dt, "datatype": dt, "order": i, "description": map[string]string{"en": dt, "es": dt},
			"help": map[string]string{"es": "Ayuda"}}
		if strings.HasSuffix(dt, "list") {
			q["values"] = []map[string]any{{"key": "a", "name": map[string]string{"en": "A"}}}
		}
		all = append(all, q)
	}
	fresh.Set("fields", all)
	if err := app.Save(fresh); err != nil {
		t.Errorf("the six Open311 datatypes: %v", err)
	}
}

// CheckQuestions names the question and the part that is wrong.
func TestCheckQuestionsNamesTheField(t *testing.T) {
	verr := requests.CheckQuestions([]requests.Attribute{
		{Code: "size", Datatype: "string", Description: map[string]string{"en": "Size"}},
		{Code: "size", Datatype: "number", Description: map[string]string{"es": "Tamaño"}},
		{Code: "Bad Code", Datatype: "text"},
	})
	if verr == nil {
		t.Fatal("no problems found")
	}
	want := map[string]string{"q.1.code": requests.MsgQuestionCodeTwice, "q.2.code": requests.MsgQuestionCode,
		"q.2.description": requests.MsgQuestionText}
	for field, msg := range want {
		if p := verr.For(field); p == nil || p.Message != msg {
			t.Errorf("%s: %v, want %s", field, p, msg)
		}
	}
	if len(verr.Fields) != len(want) {
		t.Errorf("problems %s", verr.Summary())
	}
}

func TestServicesFollowTheirSavesInTheIndex(t *testing.T) {
	app, _ := townApp(t)
	svc := pothole(t, app, works(t, app))
	svc.Set("keywords", "zamboni")
	if err := app.Save(svc); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "es"} {
		if got := schematest.Found(t, app, "service", "zamboni", lang); !slices.Equal(got, []string{"/" + lang + "/services/pothole"}) {
			t.Errorf("%s: a saved keyword finds %v", lang, got)
		}
	}
	if err := requests.ReindexServices(app, []string{"en"}, "en"); err != nil {
		t.Fatal(err)
	}
	if got := schematest.Found(t, app, "service", "zamboni", "es"); len(got) != 0 {
		t.Errorf("a language no longer offered is still searched: %v", got)
	}
	if got := schematest.Found(t, app, "service", "zamboni", "en"); len(got) != 1 {
		t.Errorf("reindexed service not found: %v", got)
	}
	svc.Set("active", false)
	if err := app.Save(svc); err != nil {
		t.Fatal(err)
	}
	if got := schematest.Found(t, app, "service", "zamboni", "en"); len(got) != 0 {
		t.Errorf("an inactive service is still found: %v", got)
	}
}
