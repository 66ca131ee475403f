package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/web"
)

// newAccount saves a resident account the way PocketBase's REST sign-up
// did: anyone could, with anyone's email address, and it is not confirmed.
func newAccount(t *testing.T, app core.App, email string, verified bool) *core.Record {
	t.Helper()
	return schematest.Create(t, app, "users", map[string]any{"email": email, "password": "correct horse battery", "verified": verified,
		"name": "Someone", "role": "resident", "language": "en"})
}

// another is a new browser (no cookies) on b's app.
func (b *browser) another() *browser {
	return &browser{t: b.t, mux: b.mux, cookies: map[string]*http.Cookie{}}
}

func authToken(t *testing.T, u *core.Record) string {
	t.Helper()
	tok, err := u.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

// A token of an account whose address is not confirmed signs no one in on
// the site, from the session cookie or an Authorization header; pages for
// residents ask to confirm the address first.
func TestUnconfirmedAccountIsSignedOut(t *testing.T) {
	app := demoApp(t)
	tok := authToken(t, newAccount(t, app, "victim@example.com", false))
	pages := []struct{ method, path string }{
		{"GET", "/en/my-requests"}, {"GET", "/en/account"}, {"GET", "/en/reservations"},
		{"GET", "/en/book/meeting-room/reserve"}, {"POST", "/en/book/meeting-room/reserve"},
		{"GET", "/en/services/building-permit/request"},
	}
	first := newBrowser(t, app)
	for _, how := range []string{"cookie", "header"} {
		b := first.another()
		if how == "cookie" {
			b.cookies["th_session"] = &http.Cookie{Name: "th_session", Value: tok}
		} else {
			b.headers = map[string]string{"Authorization": tok}
		}
		for _, p := range pages {
			rec := b.do(p.method, p.path, url.Values{})
			if rec.Code != http.StatusSeeOther || !strings.Contains(rec.Header().Get("Location"), "/en/signin") {
				t.Errorf("%s, %s %s: %d %s", how, p.method, p.path, rec.Code, rec.Header().Get("Location"))
			}
		}
		b.expect(b.do("GET", "/en/signin?next=%2Fen%2Fmy-requests", nil), 200, "Confirm your email address first")
	}
	n, err := app.CountRecords("reservations", nil)
	if err != nil || n != 0 {
		t.Errorf("%d reservations (%v)", n, err)
	}
	// Once confirmed, the same token works.
	u, err := app.FindAuthRecordByEmail("users", "victim@example.com")
	if err != nil {
		t.Fatal(err)
	}
	u.SetVerified(true)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	b := first.another()
	b.cookies["th_session"] = &http.Cookie{Name: "th_session", Value: tok}
	b.expect(b.do("GET", "/en/my-requests", nil), 200, "My requests")
}

// /en and /es count against one allowance.
func TestSignInLimitCoversEveryLanguage(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	longWindow(t, app, "POST /signin")
	for i := range 10 {
		lang := []string{"en", "es"}[i%2]
		b.expect(b.do("POST", "/"+lang+"/signin", url.Values{"email": {fmt.Sprintf("x%d@example.com", i)}, "password": {"guess"}}), 422)
	}
	b.expect(b.do("POST", "/es/signin", url.Values{"email": {"y@example.com"}, "password": {"guess"}}), 429, "Demasiados intentos")
}

// Guesses at one account from many addresses meet one allowance.
func TestSignInLimitPerAccount(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	longWindow(t, app, "POST /signin")
	form := url.Values{"email": {"Resident@AlderCreek.example"}, "password": {"guess"}}
	for i := range 10 {
		b.from = fmt.Sprintf("198.51.100.%d", i+1)
		b.expect(b.do("POST", "/en/signin", form), 422)
	}
	b.from = "203.0.113.9"
	form.Set("email", "resident@aldercreek.example")
	b.expect(b.do("POST", "/en/signin", form), 429, "Too many tries")
	// Another account from that address is not held back.
	b.expect(b.do("POST", "/en/signin", url.Values{"email": {"someone@example.com"}, "password": {"guess"}}), 422)
}

// PocketBase's REST sign-up is held to the site's sign-up numbers (and is
// closed to all but the clerk).
func TestRESTSignUpIsRateLimited(t *testing.T) {
	_, mux := demoMux(t)
	codes := []int{}
	for i := range 6 {
		body := fmt.Sprintf(`{"email":"v%d@example.com","password":"long-enough-pw","passwordConfirm":"long-enough-pw"}`, i)
		req := httptest.NewRequest(http.MethodPost, "/api/collections/users/records", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		codes = append(codes, rec.Code)
	}
	if fmt.Sprint(codes) != "[403 403 403 403 403 429]" {
		t.Errorf("REST sign-ups answered %v", codes)
	}
}

var codeRe = regexp.MustCompile(`\b\d{6}\b`)

// askCode asks for a sign-in code and returns the check form and the code.
func askCode(t *testing.T, app core.App, b *browser, email string) (url.Values, string) {
	t.Helper()
	rec := b.do("POST", "/en/signin/code", url.Values{"email": {email}})
	b.expect(rec, 303)
	next, err := url.Parse(rec.Header().Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	code := codeRe.FindString(lastMail(t, app, email).GetString("subject"))
	return url.Values{"otp": {next.Query().Get("otp")}, "email": {email}}, code
}

func wrongCode(code string, i int) string {
	w := fmt.Sprintf("%06d", i)
	if w == code {
		w = fmt.Sprintf("%06d", i+500000)
	}
	return w
}

// A code stops working after five wrong tries, even from five addresses
// and both languages.
func TestCodeDiesAfterFiveWrongTries(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	form, code := askCode(t, app, b, "resident@aldercreek.example")
	for i := range 5 {
		b.from = fmt.Sprintf("198.51.100.%d", i+1)
		form.Set("code", wrongCode(code, i))
		b.expect(b.do("POST", "/"+[]string{"en", "es"}[i%2]+"/signin/code/check", form), 422)
	}
	form.Set("code", code)
	b.expect(b.do("POST", "/en/signin/code/check", form), 422, "That code is wrong or has expired")
	if b.cookies["th_session"] != nil {
		t.Fatal("signed in with a code after five wrong tries")
	}
	// A new code works.
	form, code = askCode(t, app, b, "resident@aldercreek.example")
	form.Set("code", code)
	b.expect(b.do("POST", "/en/signin/code/check", form), 303)
}

// Tries sent at the same moment are all counted.
func TestCodeTriesAreCountedTogether(t *testing.T) {
	app := demoApp(t)
	first := newBrowser(t, app)
	form, code := askCode(t, app, first, "resident@aldercreek.example")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b := first.another()
			b.from = fmt.Sprintf("198.51.100.%d", i+1)
			f := url.Values{"otp": form["otp"], "email": form["email"], "code": {wrongCode(code, i)}}
			if rec := b.do("POST", "/en/signin/code/check", f); rec.Code != 422 {
				t.Errorf("wrong code: %d", rec.Code)
			}
		}()
	}
	wg.Wait()
	otp, err := app.FindOTPById(form.Get("otp"))
	if err != nil {
		t.Fatal(err)
	}
	if got := otp.GetInt("attempts"); got != 5 {
		t.Errorf("%d tries counted, want 5 (the last three were refused before checking)", got)
	}
}

// Signing out ends every session of the account: the token it had, and
// the one another device holds, on the site and as an API bearer token.
func TestSignOutEndsEverySession(t *testing.T) {
	app := demoApp(t)
	u := demoResident(t, app)
	other := authToken(t, u)
	b := newBrowser(t, app)
	b.cookies["th_session"] = &http.Cookie{Name: "th_session", Value: authToken(t, u)}
	copied := *b.cookies["th_session"]
	b.expect(b.do("GET", "/en/account", nil), 200, "Sign out everywhere")
	b.expect(b.do("POST", "/en/signout", url.Values{}), 303)
	b.expect(b.do("GET", "/en/", nil), 200, "You are signed out, here and on every other device.")
	for _, tok := range []string{copied.Value, other} {
		thief := b.another()
		thief.cookies["th_session"] = &http.Cookie{Name: "th_session", Value: tok}
		thief.expect(thief.do("GET", "/en/my-requests", nil), 303)
		thief.cookies = map[string]*http.Cookie{}
		thief.headers = map[string]string{"Authorization": tok}
		thief.expect(thief.do("GET", "/api/collections/users/records/"+u.Id, nil), 404)
	}
}

// The password form compares a password whether or not the address has an
// account, so its timing does not tell (BenchmarkSignIn measures it).
func TestSignInChecksAPasswordEitherWay(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	for _, email := range []string{"resident@aldercreek.example", "nobody@example.com"} {
		before := web.PasswordChecks()
		b.expect(b.do("POST", "/en/signin", url.Values{"email": {email}, "password": {"wrong password"}}), 422, "The email address or password is not right")
		if got := web.PasswordChecks() - before; got != 1 {
			t.Errorf("%s: %d password comparisons", email, got)
		}
	}
}

// BenchmarkSignIn posts a wrong password for an address with an account
// and for one without: the two should cost the same.
func BenchmarkSignIn(b *testing.B) {
	app, mux := demoMux(b)
	app.Settings().RateLimits.Enabled = false // measure the form, not the limiter
	for _, email := range []string{"resident@aldercreek.example", "nobody@example.com"} {
		b.Run(strings.Split(email, "@")[0], func(b *testing.B) {
			form := url.Values{"email": {email}, "password": {"wrong password"}}.Encode()
			for b.Loop() {
				req := httptest.NewRequest(http.MethodPost, "/en/signin", strings.NewReader(form))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				rec := httptest.NewRecorder()
				mux.ServeHTTP(rec, req)
				if rec.Code != http.StatusUnprocessableEntity {
					b.Fatalf("status %d", rec.Code)
				}
			}
		})
	}
}

// The per-language sign-in rules of earlier versions, which gave each
// language its own allowance, are replaced at start-up.
func TestLegacyPerLanguageLimitsAreReplaced(t *testing.T) {
	app := demoApp(t)
	s := app.Settings()
	s.RateLimits.Rules = append(s.RateLimits.Rules, core.RateLimitRule{Label: "POST /en/signin", MaxRequests: 10, Duration: 60})
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	serveMux(t, app)
	labels := map[string]bool{}
	for _, r := range app.Settings().RateLimits.Rules {
		labels[r.Label] = true
	}
	if labels["POST /en/signin"] || !labels["POST /signin"] || !labels["users:auth"] {
		t.Errorf("rate-limit rules after start-up: %v", labels)
	}
}

// longWindow makes the rule labelled label count over an hour instead of
// its minute, so a test that spends more than a minute (under -race on a
// busy machine) on its tries still meets the limit it counts towards.
// Call it before the server serves: the settings are not to change under
// a running server.
func longWindow(t *testing.T, app core.App, label string) {
	t.Helper()
	rules := app.Settings().RateLimits.Rules
	for i := range rules {
		if rules[i].Label == label {
			rules[i].Duration = 3600
			return
		}
	}
	t.Fatalf("no rate-limit rule %q", label)
}
