package requests_test

import (
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

func TestSubmitNumbersRoutesAndDates(t *testing.T) {
	app, d := townApp(t)
	svc := pothole(t, app, works(t, app))
	u := resident(t, app)
	rec, err := d.Submit(app, requests.Input{
		ServiceCode: "pothole", Description: "Deep hole", Address: "31 Mill Street", Channel: requests.ChannelWeb,
		ReporterID: u.Id, Language: "es", Answers: map[string][]string{"size": {"large"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	year := time.Now().In(schematest.Location(t, "America/New_York")).Year()
	if got, want := rec.GetString("number"), fmt.Sprintf("%d-0001", year); got != want {
		t.Errorf("number %q, want %q", got, want)
	}
	if rec.GetString("department") != svc.GetString("department") || rec.GetString("status") != "new" || rec.GetString("language") != "es" {
		t.Errorf("not routed or set up: %v", rec.PublicExport())
	}
	due := rec.GetDateTime("due").Time()
	if !due.After(time.Now().Add(5*24*time.Hour)) || due.After(time.Now().Add(10*24*time.Hour)) {
		t.Errorf("due %v is not 5 business days away", due)
	}
	var answers map[string]any
	rec.UnmarshalJSONField("answers", &answers)
	if answers["size"] != "large" {
		t.Errorf("answers %v", answers)
	}
}

func TestSubmitValidation(t *testing.T) {
	app, d := townApp(t)
	dept := works(t, app)
	pothole(t, app, dept)
	question(t, app, dept)
	// A form with a question of each checked datatype, and a service for
	// residents with an account only.
	schematest.Service(t, app, dept, "pickup", map[string]any{"fields": []any{townhalltest.Field("bins", "multivaluelist", true, "bins", "trash", "recycling"),
		townhalltest.Field("count", "number", true, "count"), townhalltest.Field("collection_day", "datetime", true, "collection_day")}})
	schematest.Service(t, app, dept, "permit", map[string]any{"kind": "application"})
	pickup := func(bins []string, count, day string) map[string][]string {
		return map[string][]string{"bins": bins, "count": {count}, "collection_day": {day}}
	}
	long := make([]byte, 4001)
	for i := range long {
		long[i] = 'x'
	}
	cases := []struct {
		name  string
		in    requests.Input
		field string
	}{
		{"required attribute", requests.Input{ServiceCode: "pothole", Channel: "web", ContactEmail: "a@b.co"}, "attr.size"},
		{"bad choice", requests.Input{ServiceCode: "pothole", Channel: "web", Answers: map[string][]string{"size": {"huge"}}}, "attr.size"},
		{"bad number", requests.Input{ServiceCode: "pickup", Channel: "phone", Answers: pickup([]string{"trash"}, "two", "2026-11-20")}, "attr.count"},
		{"bad date", requests.Input{ServiceCode: "pickup", Channel: "phone", Answers: pickup([]string{"trash"}, "2", "tuesday")}, "attr.collection_day"},
		{"bad multi", requests.Input{ServiceCode: "pickup", Channel: "phone", Answers: pickup([]string{"trash", "compost"}, "2", "2026-11-20")}, "attr.bins"},
		{"too long", requests.Input{ServiceCode: "general", Channel: "web", Description: string(long)}, "description"},
		{"bad email", requests.Input{ServiceCode: "general", Channel: "web", ContactEmail: "not an email"}, "contact_email"},
		{"account needed", requests.Input{ServiceCode: "permit", Channel: "web", Description: "A shed"}, "contact_email"},
	}
	for _, c := range cases {
		_, err := d.Submit(app, c.in)
		v, ok := requests.AsValidation(err)
		if !ok || v.For(c.field) == nil {
			t.Errorf("%s: want an error on %s, got %v", c.name, c.field, err)
		}
	}
	if _, err := d.Submit(app, requests.Input{ServiceCode: "nope", Channel: "web"}); !errors.Is(err, requests.ErrServiceUnavailable) {
		t.Errorf("unknown service: %v", err)
	}
	if n := schematest.Count(t, app, "requests"); n != 0 {
		t.Errorf("%d requests stored from invalid input", n)
	}
}

// Concurrent submissions get distinct numbers with no gaps.
func TestConcurrentSubmissionsAreNumberedWithoutGaps(t *testing.T) {
	app, d := townApp(t)
	question(t, app, works(t, app))
	const n = 200
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := d.Submit(app, requests.Input{ServiceCode: "general", Channel: "phone",
				Description: fmt.Sprintf("question %d", i), ContactName: "Caller"})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	recs, err := app.FindAllRecords("requests")
	if err != nil {
		t.Fatal(err)
	}
	var nums []string
	for _, r := range recs {
		nums = append(nums, r.GetString("number"))
	}
	sort.Strings(nums)
	year := time.Now().In(schematest.Location(t, "America/New_York")).Year()
	for i, got := range nums {
		if want := fmt.Sprintf("%d-%04d", year, i+1); got != want {
			t.Fatalf("number %d is %q, want %q (all: %v…)", i, got, want, nums[:min(5, len(nums))])
		}
	}
	if len(nums) != n {
		t.Fatalf("%d requests, want %d", len(nums), n)
	}
}

// The clerk's status changes go through request updates, whichever way
// they are made, and closing sets closed_at; reopening works for 30 days.
func TestStatusChangesAndReopen(t *testing.T) {
	app, d := townApp(t)
	question(t, app, works(t, app))
	u := resident(t, app)
	rec, err := d.Submit(app, requests.Input{ServiceCode: "general", Channel: "web", ReporterID: u.Id, Description: "Q"})
	if err != nil {
		t.Fatal(err)
	}
	// The clerk edits the status field directly in the admin UI.
	rec.Set("status", "in_progress")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	// …and then adds a status update record.
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "status", Status: "resolved", Body: "Answered by phone."}); err != nil {
		t.Fatal(err)
	}
	rec, err = app.FindRecordById("requests", rec.Id)
	if err != nil {
		t.Fatal(err)
	}
	if rec.GetString("status") != "resolved" || rec.GetDateTime("closed_at").IsZero() {
		t.Fatalf("not resolved: %v", rec.PublicExport())
	}
	tl, err := requests.Timeline(app, rec, false)
	if err != nil || len(tl) != 2 || tl[0].Status != "in_progress" || tl[1].Status != "resolved" {
		t.Fatalf("timeline %+v %v", tl, err)
	}
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "note", Body: "internal"}); err != nil {
		t.Fatal(err)
	}
	if tl, _ := requests.Timeline(app, rec, false); len(tl) != 2 {
		t.Errorf("internal note shown publicly: %+v", tl)
	}
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "reopen", Body: "Not fixed", AuthorID: u.Id}); err != nil {
		t.Fatal(err)
	}
	rec, err = app.FindRecordById("requests", rec.Id)
	if err != nil {
		t.Fatal(err)
	}
	if rec.GetString("status") != "new" || !rec.GetDateTime("closed_at").IsZero() {
		t.Fatalf("not reopened: %v", rec.PublicExport())
	}
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "reopen", Body: "again"}); !errors.Is(err, requests.ErrNotClosed) {
		t.Errorf("reopening an open request: %v", err)
	}
	// Closed long ago: too late to reopen.
	rec.Set("status", "closed")
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	rec.Set("closed_at", types.NowDateTime().AddDate(0, 0, -31))
	if err := app.Save(rec); err != nil {
		t.Fatal(err)
	}
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "reopen", Body: "late"}); !errors.Is(err, requests.ErrReopenWindow) {
		t.Errorf("reopening after 31 days: %v", err)
	}
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "comment", Body: "  "}); !errors.Is(err, requests.ErrEmptyComment) {
		t.Errorf("empty comment: %v", err)
	}
}

// A phone request entered by the clerk through the admin UI's API gets the
// same number, routing and due date as a web request.
func TestClerkEntryGoesThroughTheSameRules(t *testing.T) {
	app, _ := townApp(t)
	svc := pothole(t, app, works(t, app))
	r := schematest.Create(t, app, "requests", map[string]any{"service": svc.Id, "channel": "phone", "contact_name": "Ed", "contact_phone": "555-0101",
		"address": "31 Mill Street", "answers": map[string]any{"size": "large"}, "status": "new"})
	if r.GetString("number") == "" || r.GetString("department") != svc.GetString("department") || r.GetDateTime("due").IsZero() {
		t.Errorf("clerk entry skipped the rules: %v", r.PublicExport())
	}
}

// Marking a duplicate closes it and moves its reporter to the original.
func TestMarkingADuplicate(t *testing.T) {
	app, d := townApp(t)
	pothole(t, app, works(t, app))
	u := resident(t, app)
	large := map[string][]string{"size": {"large"}}
	first, err := d.Submit(app, requests.Input{ServiceCode: "pothole", Channel: "phone", ContactName: "Ed", Address: "Mill Street", Answers: large})
	if err != nil {
		t.Fatal(err)
	}
	dup, err := d.Submit(app, requests.Input{ServiceCode: "pothole", Channel: "web", ReporterID: u.Id, Address: "Mill Street", Answers: large})
	if err != nil {
		t.Fatal(err)
	}
	dup.Set("duplicate_of", first.Id)
	if err := app.Save(dup); err != nil {
		t.Fatal(err)
	}
	if dup.GetString("status") != "closed" || !requests.IsFollowing(app, u.Id, first.Id) {
		t.Errorf("duplicate not closed or reporter not following the original: %v", dup.PublicExport())
	}
	if tl, _ := requests.Timeline(app, dup, false); len(tl) != 1 || tl[0].Status != "closed" {
		t.Errorf("timeline %+v", tl)
	}
}

// The request rules read the domain's clock: the number's year, the due
// date, closed_at and the reopening window all follow it.
func TestRequestRulesReadTheDomainsClock(t *testing.T) {
	app, d := townApp(t)
	svc := question(t, app, works(t, app))
	now := time.Date(2031, 1, 2, 9, 0, 0, 0, schematest.Location(t, "America/New_York"))
	fake := clock.NewFake(now)
	d.Clock = fake
	rec, err := d.Submit(app, requests.Input{ServiceCode: "general", Channel: "web", ReporterID: resident(t, app).Id, Description: "Q"})
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.GetString("number"); got != "2031-0001" {
		t.Errorf("number %q, want 2031-0001 (the clock's year)", got)
	}
	want := requests.DueDate(d.Town.Get(), now, svc.GetInt("response_days"))
	if got := rec.GetDateTime("due").Time(); !got.Equal(want) {
		t.Errorf("due %v, want %v", got, want)
	}
	closed := fake.Advance(time.Hour)
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "status", Status: "resolved", Body: "Done."}); err != nil {
		t.Fatal(err)
	}
	if rec, err = app.FindRecordById("requests", rec.Id); err != nil {
		t.Fatal(err)
	}
	if got := rec.GetDateTime("closed_at").Time(); !got.Equal(closed) {
		t.Errorf("closed_at %v, want %v", got, closed)
	}
	fake.Advance(requests.ReopenWindow + time.Minute)
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "reopen", Body: "late"}); !errors.Is(err, requests.ErrReopenWindow) {
		t.Errorf("reopened past the window on the domain's clock: %v", err)
	}
	fake.Set(closed.Add(requests.ReopenWindow - time.Minute))
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: rec.Id, Kind: "reopen", Body: "still broken"}); err != nil {
		t.Errorf("reopening within the window: %v", err)
	}
}
