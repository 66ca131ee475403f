package requests_test

import (
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/requests"
)

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
