package web_test

import (
	"fmt"
	"github.com/townhall/townhall/internal/web"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// visitor posts forms to one app from one client address, as a browser
// (Accept: text/html) unless told otherwise, with an optional session.
type visitor struct {
	t       *testing.T
	mux     http.Handler
	ip      string
	session string
	html    bool
}

func (v visitor) post(path string, form url.Values) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if v.html {
		req.Header.Set("Accept", "text/html,application/xhtml+xml")
	}
	req.RemoteAddr = v.ip + ":5000"
	if v.session != "" {
		req.AddCookie(&http.Cookie{Name: "th_session", Value: v.session})
	}
	rec := httptest.NewRecorder()
	v.mux.ServeHTTP(rec, req)
	return rec
}

// setRule sets one rate limit rule, as the clerk can in Settings. Call it
// before serveMux: saving settings while the server's jobs log races inside
// PocketBase's logger. Start-up keeps a rule the clerk has set.
func setRule(t *testing.T, app core.App, label string, max int) {
	t.Helper()
	s, err := app.Settings().Clone()
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(web.RateLimitRules(), func(r core.RateLimitRule) bool { return r.Label == label })
	if i < 0 {
		t.Fatalf("no rule %s", label)
	}
	rule := web.RateLimitRules()[i]
	rule.MaxRequests = max
	s.RateLimits.Rules = slices.DeleteFunc(s.RateLimits.Rules, func(r core.RateLimitRule) bool { return r.Label == label })
	s.RateLimits.Rules = append(s.RateLimits.Rules, rule)
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
}

func potholeForm(i int, email string) url.Values {
	return url.Values{"action": {"submit"}, "description": {fmt.Sprintf("Hole %d", i)}, "address": {fmt.Sprintf("%d Mill Street", i)},
		"attr.size": {"large"}, "contact_email": {email}}
}

// One address sending the request form over and over gets it back with
// the reason (HTTP 429) after ten, in English and Spanish alike (one
// bucket); a client that is not a browser gets a short 429; nothing of a
// refused post is stored.
func TestRequestFormIsRateLimitedPerClient(t *testing.T) {
	app := demoApp(t)
	v := visitor{t: t, mux: serveMux(t, app), ip: "203.0.113.7", html: true}
	for i := range 10 {
		lang := []string{"en", "es"}[i%2]
		if rec := v.post("/"+lang+"/services/pothole/request", potholeForm(i, fmt.Sprintf("r%d@example.com", i))); rec.Code != http.StatusSeeOther {
			t.Fatalf("post %d: %d %.300s", i, rec.Code, rec.Body.String())
		}
	}
	rec := v.post("/es/services/pothole/request", potholeForm(10, "r10@example.com"))
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "Este formulario se ha enviado demasiadas veces") ||
		!strings.Contains(rec.Body.String(), "r10@example.com") || rec.Header().Get("Retry-After") == "" {
		t.Fatalf("11th post: %d %q %.3000s", rec.Code, rec.Header().Get("Retry-After"), rec.Body.String())
	}
	v.html = false
	rec = v.post("/en/services/pothole/request", potholeForm(11, "r11@example.com"))
	if rec.Code != http.StatusTooManyRequests || strings.Contains(rec.Body.String(), "<html") || !strings.Contains(rec.Body.String(), "too many times") {
		t.Fatalf("non-browser: %d %.300s", rec.Code, rec.Body.String())
	}
	if n := schematest.Count(t, app, "requests", dbx.NewExp("description LIKE 'Hole %'")); n != 10 {
		t.Errorf("%d requests stored, want 10", n)
	}
	// Another visitor is not held back.
	v = visitor{t: t, mux: v.mux, ip: "203.0.113.8", html: true}
	if rec := v.post("/en/services/pothole/request", potholeForm(12, "r12@example.com")); rec.Code != http.StatusSeeOther {
		t.Fatalf("another visitor: %d", rec.Code)
	}
}

// Requests for one email address, from many client addresses, are limited
// per recipient too.
func TestRequestFormIsRateLimitedPerRecipient(t *testing.T) {
	_, mux := demoMux(t)
	for i := range 6 {
		v := visitor{t: t, mux: mux, ip: fmt.Sprintf("203.0.113.%d", 20+i), html: true}
		want := http.StatusSeeOther
		if i == 5 {
			want = http.StatusTooManyRequests
		}
		if rec := v.post("/en/services/pothole/request", potholeForm(i, "Victim@Example.com")); rec.Code != want {
			t.Fatalf("post %d: %d, want %d", i, rec.Code, want)
		}
	}
}

// Past five confirmation emails a day to an address typed in the form,
// requests are still stored, but no email is queued: the confirmation
// page says so and shows the private link.
func TestConfirmationsToAnAddressAreCappedPerDay(t *testing.T) {
	app := demoApp(t)
	setRule(t, app, "site:request_to", 100)
	mux := serveMux(t, app)
	var last *httptest.ResponseRecorder
	for i := range requests.MaxConfirmationsPerDay + 2 {
		v := visitor{t: t, mux: mux, ip: fmt.Sprintf("203.0.113.%d", 40+i), html: true}
		email := "victim@example.com"
		if i%2 == 1 {
			email = "Victim@Example.com"
		}
		if last = v.post("/en/services/pothole/request", potholeForm(i, email)); last.Code != http.StatusSeeOther {
			t.Fatalf("post %d: %d", i, last.Code)
		}
	}
	if n := schematest.Count(t, app, "requests", dbx.NewExp("contact_email = 'victim@example.com' COLLATE NOCASE")); n != 7 {
		t.Errorf("%d requests stored, want 7", n)
	}
	if n := schematest.Count(t, app, "outbox", dbx.NewExp("[[to]] = 'victim@example.com' COLLATE NOCASE")); n != requests.MaxConfirmationsPerDay {
		t.Errorf("%d confirmations queued, want %d", n, requests.MaxConfirmationsPerDay)
	}
	req := httptest.NewRequest(http.MethodGet, last.Header().Get("Location"), nil)
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	body := rec.Body.String()
	if rec.Code != 200 || !strings.Contains(body, "We did not email a confirmation") || !strings.Contains(body, "?key=") ||
		strings.Contains(body, "We have also emailed you") {
		t.Errorf("confirmation page: %d %.3000s", rec.Code, body)
	}
}

// Comments, follows, reservations and registrations are limited too, and
// the refused form comes back with the reason.
func TestCommentsFollowsAndBookingsAreRateLimited(t *testing.T) {
	app := demoApp(t)
	setRule(t, app, "site:follow_by", 2)
	setRule(t, app, "site:reserve_by", 1)
	setRule(t, app, "site:register_by", 1)
	mux := serveMux(t, app)
	u := demoResident(t, app)
	token := authToken(t, u)
	v := visitor{t: t, mux: mux, ip: "203.0.113.60", session: token, html: true}
	own := submitted(t, app, requests.Input{ServiceCode: "pothole", Channel: "web", Address: "1 Main", ReporterID: u.Id,
		Answers: map[string][]string{"size": {"small"}}})
	path := "/en/requests/" + own.GetString("number")
	for i := range 10 {
		if rec := v.post(path+"/comment", url.Values{"body": {fmt.Sprintf("Comment %d", i)}}); rec.Code != http.StatusSeeOther {
			t.Fatalf("comment %d: %d", i, rec.Code)
		}
	}
	rec := v.post(path+"/comment", url.Values{"body": {"One too many"}})
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "too many times") || !strings.Contains(rec.Body.String(), "One too many") {
		t.Fatalf("11th comment: %d %.2000s", rec.Code, rec.Body.String())
	}
	if n := schematest.Count(t, app, "request_updates", dbx.HashExp{"request": own.Id, "kind": "comment"}); n != 10 {
		t.Errorf("%d comments stored, want 10", n)
	}

	public := submitted(t, app, requests.Input{ServiceCode: "snow-plowing", Channel: "web", Address: "2 Main", ContactEmail: "p@example.com",
		Answers: map[string][]string{"problem": {"missed"}}})
	if !public.GetBool("public") {
		t.Fatal("snow plowing requests are not public")
	}
	follow := "/en/requests/" + public.GetString("number") + "/follow"
	for i, want := range []int{303, 303, 429} {
		if rec := v.post(follow, url.Values{"action": {[]string{"follow", "unfollow", "follow"}[i]}}); rec.Code != want {
			t.Fatalf("follow %d: %d, want %d", i, rec.Code, want)
		}
	}

	day := bookableDay(t, app, 21)
	reserve := url.Values{"date": {day}, "start": {"10:00"}, "end": {"12:00"}, "purpose": {"Party"}, "attendees": {"20"}}
	if rec := v.post("/en/book/pavilion/reserve", reserve); rec.Code != 303 {
		t.Fatalf("reservation: %d %.500s", rec.Code, rec.Body.String())
	}
	reserve.Set("start", "14:00")
	reserve.Set("end", "16:00")
	if rec := v.post("/es/book/pavilion/reserve", reserve); rec.Code != 429 || !strings.Contains(rec.Body.String(), "demasiadas veces") {
		t.Fatalf("second reservation: %d %.500s", rec.Code, rec.Body.String())
	}

	p := httptest.NewRecorder()
	mux.ServeHTTP(p, httptest.NewRequest(http.MethodGet, "/en/programs/youth-soccer", nil))
	page := p.Body.String()
	i := strings.Index(page, "register?session=")
	if i < 0 {
		t.Fatal("no open session")
	}
	session := page[i+len("register?session=") : i+strings.Index(page[i:], `"`)]
	kid := func(name string) url.Values {
		return url.Values{"session": {session}, "new_name": {name}, "new_birthdate": {time.Now().AddDate(-6, 0, 0).Format(time.DateOnly)}}
	}
	if rec := v.post("/en/programs/youth-soccer/register", kid("Ana")); rec.Code != 303 {
		t.Fatalf("registration: %d %.500s", rec.Code, rec.Body.String())
	}
	if rec := v.post("/en/programs/youth-soccer/register", kid("Beto")); rec.Code != 429 || !strings.Contains(rec.Body.String(), `value="Beto"`) {
		t.Fatalf("second registration: %d %.500s", rec.Code, rec.Body.String())
	}
}
