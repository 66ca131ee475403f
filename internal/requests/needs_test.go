package requests_test

import (
	"errors"
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
