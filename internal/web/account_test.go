package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// browser is a cookie-keeping client for one in-process app.
type browser struct {
	t       testing.TB
	mux     http.Handler
	cookies map[string]*http.Cookie
	from    string            // the client address, when set
	headers map[string]string // sent with every request
}

func newBrowser(t testing.TB, app core.App) *browser {
	return &browser{t: t, mux: serveMux(t, app), cookies: map[string]*http.Cookie{}}
}

func (b *browser) do(method, path string, form url.Values) *httptest.ResponseRecorder {
	var req *http.Request
	if form != nil {
		req = httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req = httptest.NewRequest(method, path, nil)
	}
	for _, c := range b.cookies {
		req.AddCookie(c)
	}
	if b.from != "" {
		req.RemoteAddr = b.from + ":1234"
	}
	for k, v := range b.headers {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	b.mux.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	return rec
}

func (b *browser) expect(rec *httptest.ResponseRecorder, status int, want ...string) {
	b.t.Helper()
	if rec.Code != status {
		b.t.Fatalf("status %d, want %d: %.500s", rec.Code, status, rec.Body.String())
	}
	for _, w := range want {
		if !strings.Contains(rec.Body.String(), w) {
			b.t.Fatalf("page lacks %q: %.2000s", w, rec.Body.String())
		}
	}
}

// lastMail is the newest email to to, leaving out critical-notice alerts:
// the demo town has one, and the alert loop queues it whenever it runs.
func lastMail(t *testing.T, app core.App, to string) *core.Record {
	t.Helper()
	recs, err := app.FindRecordsByFilter("outbox", `to = {:to} && kind != "alert"`, "-created", 1, 0, map[string]any{"to": to})
	if err != nil || len(recs) == 0 {
		t.Fatalf("no email to %s: %v", to, err)
	}
	return recs[0]
}

var linkRe = regexp.MustCompile(`https?://\S+`)

func TestSignUpVerifyAndProfile(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	b.expect(b.do("POST", "/es/signup", url.Values{"name": {""}, "email": {"bad"}, "password": {"short"}}), 422,
		"Escriba su nombre", "nombre@ejemplo.com", "al menos 10 caracteres")
	b.expect(b.do("POST", "/es/signup", url.Values{"name": {"Ana"}, "email": {"ana@example.com"}, "password": {"correct horse battery"}}), 200, "Revise su correo")
	u, err := app.FindAuthRecordByEmail("users", "ana@example.com")
	if err != nil || u.Verified() || u.GetString("language") != "es" || u.GetString("role") != "resident" {
		t.Fatalf("new account: %v %v", u, err)
	}
	// Not verified yet: the password does not sign in.
	b.expect(b.do("POST", "/en/signin", url.Values{"email": {"ana@example.com"}, "password": {"correct horse battery"}}), 422, "Confirm your email address first")
	mail := lastMail(t, app, "ana@example.com")
	if !strings.Contains(mail.GetString("subject"), "Confirme su correo") {
		t.Errorf("verification email not in Spanish: %s", mail.GetString("subject"))
	}
	link, err := url.Parse(linkRe.FindString(mail.GetString("text")))
	if err != nil {
		t.Fatal(err)
	}
	b.expect(b.do("GET", link.RequestURI(), nil), 200, "Confirmar y entrar")
	rec := b.do("POST", link.Path, url.Values{"token": {link.Query().Get("token")}})
	b.expect(rec, 303)
	if b.cookies["th_session"] == nil {
		t.Fatal("no session after verifying")
	}
	// Signing up again with the same address tells the owner, not the visitor.
	b.expect(b.do("POST", "/en/signup", url.Values{"name": {"X"}, "email": {"ana@example.com"}, "password": {"another long one"}}), 200, "Check your email")
	if m := lastMail(t, app, "ana@example.com"); !strings.Contains(m.GetString("subject"), "Ya tiene una cuenta") {
		t.Errorf("owner not told: %s", m.GetString("subject"))
	}
	// The profile saves details and language, and never a role.
	rec = b.do("POST", "/es/account", url.Values{"name": {"Ana B"}, "phone": {"555"}, "address": {"1 Elm"}, "language": {"en"},
		"digest": {"weekly"}, "alerts": {"on"}, "role": {"staff"}})
	b.expect(rec, 303)
	if got := rec.Header().Get("Location"); got != "/en/account" {
		t.Errorf("after changing language: %s", got)
	}
	u, err = app.FindAuthRecordByEmail("users", "ana@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if u.GetString("name") != "Ana B" || u.GetString("digest") != "weekly" || !u.GetBool("alerts") || u.GetString("role") != "resident" {
		t.Errorf("profile: %v", u.PublicExport())
	}
	b.expect(b.do("POST", "/en/signout", url.Values{}), 303)
	if b.cookies["th_session"] != nil {
		t.Error("still signed in after signing out")
	}
	b.expect(b.do("GET", "/en/account", nil), 303)
}

func TestSignInWithACode(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	rec := b.do("POST", "/en/signin/code", url.Values{"email": {"resident@aldercreek.example"}})
	b.expect(rec, 303)
	next, err := url.Parse(rec.Header().Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	b.expect(b.do("GET", next.RequestURI(), nil), 200, "we just emailed it a code")
	mail := lastMail(t, app, "resident@aldercreek.example")
	code := regexp.MustCompile(`\b\d{6}\b`).FindString(mail.GetString("subject"))
	if code == "" || !strings.Contains(mail.GetString("subject"), "Su código") {
		t.Fatalf("code email (the resident reads Spanish): %s", mail.GetString("subject"))
	}
	wrong := "000000"
	if code == wrong {
		wrong = "111111"
	}
	form := url.Values{"otp": {next.Query().Get("otp")}, "email": {"resident@aldercreek.example"}, "code": {wrong}}
	b.expect(b.do("POST", "/en/signin/code/check", form), 422, "That code is wrong or has expired")
	form.Set("code", code)
	b.expect(b.do("POST", "/en/signin/code/check", form), 303)
	b.expect(b.do("GET", "/en/my-requests", nil), 200, "My requests")
	// A code works once.
	b.expect(b.do("POST", "/en/signin/code/check", form), 422)
	// An unknown address looks the same and sends nothing.
	before := schematest.Count(t, app, "outbox")
	b.expect(b.do("POST", "/en/signin/code", url.Values{"email": {"nobody@example.com"}}), 303)
	if after := schematest.Count(t, app, "outbox"); after != before {
		t.Error("an email was queued for an unknown address")
	}
}

func TestPasswordSignInAndReset(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	b.expect(b.do("POST", "/en/signin", url.Values{"email": {"resident@aldercreek.example"}, "password": {"wrong"}}), 422, "The email address or password is not right")
	b.expect(b.do("POST", "/en/signin", url.Values{"email": {"nobody@example.com"}, "password": {"wrong"}}), 422, "The email address or password is not right")
	b.expect(b.do("POST", "/en/reset", url.Values{"email": {"resident@aldercreek.example"}}), 200, "Check your email")
	link, err := url.Parse(linkRe.FindString(lastMail(t, app, "resident@aldercreek.example").GetString("text")))
	if err != nil {
		t.Fatal(err)
	}
	token := link.Query().Get("token")
	b.expect(b.do("POST", link.Path, url.Values{"token": {token}, "password": {"short"}}), 422, "al menos 10 caracteres") // the resident reads Spanish
	b.expect(b.do("POST", link.Path, url.Values{"token": {token}, "password": {"a brand new password"}}), 303)
	b.cookies = map[string]*http.Cookie{}
	b.expect(b.do("POST", "/en/signin", url.Values{"email": {"resident@aldercreek.example"}, "password": {"a brand new password"}, "next": {"//evil.example/"}}), 303)
	// An off-site "next" is ignored.
	if b.cookies["th_session"] == nil {
		t.Fatal("not signed in with the new password")
	}
}

func TestSaveAndFinishLater(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	b.expect(b.do("GET", "/en/services/building-permit/request", nil), 303) // sign in first
	b.cookies["th_session"] = &http.Cookie{Name: "th_session", Value: schematest.Token(t, app, "resident@aldercreek.example")}
	form := b.do("GET", "/en/services/building-permit/request", nil)
	b.expect(form, 200, "Use my home address") // offered, not filled in
	if strings.Contains(form.Body.String(), `value="31 Mill Street`) {
		t.Error("the home address was filled in unasked")
	}
	b.expect(b.do("POST", "/en/services/building-permit/request", url.Values{"action": {"draft"}, "attr.work": {"A garden shed"}, "address": {"31 Mill St"}}), 303)
	b.expect(b.do("GET", "/en/my-requests", nil), 200, "Finish your request: Building permit")
	b.expect(b.do("GET", "/en/services/building-permit/request", nil), 200, "A garden shed", "We filled in what you saved last time")
}

// Sign-in is rate limited per visitor by PocketBase's limiter, which the
// site turns on with rules for its own forms.
func TestSignInIsRateLimited(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	if !app.Settings().RateLimits.Enabled {
		t.Fatal("the rate limiter is off")
	}
	limited := false
	for range 15 {
		rec := b.do("POST", "/en/signin", url.Values{"email": {"resident@aldercreek.example"}, "password": {"guess"}})
		if rec.Code == http.StatusTooManyRequests {
			limited = true
			break
		}
	}
	if !limited {
		t.Error("15 sign-in attempts in a row were all answered")
	}
}

// The language switcher on a sign-in page keeps where it leads, in the
// chosen language; a next that leads elsewhere is not carried.
func TestSignInSwitcherKeepsNext(t *testing.T) {
	app := demoApp(t)
	b := newBrowser(t, app)
	b.expect(b.do("GET", "/en/my-requests", nil), 303)
	b.expect(b.do("GET", "/en/signin?next=%2Fen%2Fmy-requests", nil), 200,
		`href="/es/signin?next=%2Fes%2Fmy-requests" lang="es"`)
	b.expect(b.do("GET", "/en/signin?next=https%3A%2F%2Fevil.example%2F", nil), 200, `href="/es/signin" lang="es"`)
}
