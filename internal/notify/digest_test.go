package notify_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/requests"
)

// Residents who opted in get one digest for the period, with updates on
// their own and followed requests, new notices and upcoming reservations,
// in their language; running the job again sends nothing more; nothing new
// means no email.
func TestDigestsOncePerPeriod(t *testing.T) {
	t.Parallel()
	app, th := newTown(t)
	catalogue(t, app)
	publish(t, app, "info", time.Time{})
	en := account{email: "eve@example.org", lang: "en", digest: "daily"}.create(t, app)
	es := account{email: "ines@example.org", lang: "es", digest: "daily"}.create(t, app)
	account{email: "off@example.org", lang: "en", digest: "off"}.create(t, app)
	account{email: "weekly@example.org", lang: "en", digest: "weekly"}.create(t, app)
	account{email: "new@example.org", lang: "en", digest: "daily", unverified: true}.create(t, app)

	req := submit(t, app, th, requests.Input{ServiceCode: "general", Description: "Where do I vote?", Channel: "web", ReporterID: en.Id, Language: "en"})
	if err := requests.Follow(app, es.Id, req.Id); err != nil {
		t.Fatal(err)
	}
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: req.Id, Kind: "status", Status: "in_progress", Body: "The clerk is looking it up."}); err != nil {
		t.Fatal(err)
	}
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: req.Id, Kind: "note", Body: "internal: ask the registrar"}); err != nil {
		t.Fatal(err)
	}
	reserve(t, app, es.Id, time.Now().Add(26*time.Hour))

	p := period(th, notify.Daily)
	for run := range 2 {
		n, err := th.Digests.Run(context.Background(), app, p)
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{2, 0}[run]; n != want {
			t.Fatalf("run %d queued %d digests, want %d", run+1, n, want)
		}
	}
	mine := digestsTo(t, app, "eve@example.org")
	if len(mine) != 1 {
		t.Fatalf("%d digests for the English resident, want 1", len(mine))
	}
	text := mine[0].GetString("text")
	for _, want := range []string{"Your daily summary from Testville", req.GetString("number") + " · Question for the clerk: In progress",
		"1 update: The clerk is looking it up.", "News from the town", "Water main break on Elm Street", "/en/unsubscribe?"} {
		if !strings.Contains(mine[0].GetString("subject")+"\n"+text, want) {
			t.Errorf("English digest lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "internal") || strings.Contains(text, "Your upcoming reservations") {
		t.Errorf("English digest shows a note or someone else's reservation:\n%s", text)
	}
	headers := mine[0].GetString("headers")
	if !strings.Contains(headers, `"List-Unsubscribe":"\u003chttp://localhost:8090/en/unsubscribe?`) && !strings.Contains(headers, `"List-Unsubscribe":"<http://localhost:8090/en/unsubscribe?`) ||
		!strings.Contains(headers, `"List-Unsubscribe-Post":"List-Unsubscribe=One-Click"`) {
		t.Errorf("headers: %s", headers)
	}
	for _, who := range []string{"off@example.org", "weekly@example.org", "new@example.org"} {
		if n := len(digestsTo(t, app, who)); n != 0 {
			t.Errorf("%s got %d daily digests", who, n)
		}
	}
	if n := count(t, app, "digest_runs", dbx.HashExp{"period": p.Key}); n != 2 {
		t.Errorf("%d digest runs recorded, want 2", n)
	}

	quiet := notify.PeriodEnding(notify.Daily, time.Now().Add(72*time.Hour), th.Town.Get().Location)
	if n, err := th.Digests.Run(context.Background(), app, quiet); err != nil || n != 0 {
		t.Fatalf("a period with nothing new queued %d digests (%v)", n, err)
	}
	if n := count(t, app, "digest_runs", dbx.HashExp{"period": quiet.Key, "sent": false}); n != 2 {
		t.Errorf("%d empty runs recorded, want 2", n)
	}
}

// A Spanish resident's digest is in Spanish, sections and all.
func TestDigestInSpanish(t *testing.T) {
	t.Parallel()
	app, th := newTown(t)
	publish(t, app, "info", time.Time{})
	es := account{email: "ines@example.org", lang: "es", digest: "weekly"}.create(t, app)
	reserve(t, app, es.Id, time.Now().Add(50*time.Hour))
	got := digestFor(t, app, th, notify.Weekly, "ines@example.org")
	text := got.GetString("subject") + "\n" + got.GetString("text")
	for _, want := range []string{"Su resumen semanal de Testville", "Esto es lo que ha cambiado esta última semana.",
		"Noticias del municipio", "Rotura de tubería en la calle Elm", "Sus próximas reservas", "Pabellón del parque", "pendiente de aprobación",
		"No quiero recibir más resúmenes", "/es/unsubscribe?"} {
		if !strings.Contains(text, want) {
			t.Errorf("Spanish digest lacks %q:\n%s", want, text)
		}
	}
	if got.GetString("language") != "es" || !strings.Contains(got.GetString("html"), `<html lang="es">`) {
		t.Errorf("language %q", got.GetString("language"))
	}
}

// The staff digest counts open requests by department and lists the
// overdue and new ones of the member's department.
func TestStaffDigest(t *testing.T) {
	t.Parallel()
	app, th := newTown(t)
	works := catalogue(t, app)
	account{email: "crew@testville.example", lang: "en", role: "staff", dept: works.Id, digest: "daily"}.create(t, app)
	late := submit(t, app, th, requests.Input{ServiceCode: "general", Description: "Old question", Channel: "phone", ContactName: "Al", Language: "en"})
	hole := submit(t, app, th, requests.Input{ServiceCode: "pothole", Description: "Hole", Address: "12 Mill Street", Channel: "phone", Language: "en",
		Answers: map[string][]string{"size": {"large"}}})
	hole.Set("due", time.Now().Add(-48*time.Hour))
	if err := app.Save(hole); err != nil {
		t.Fatal(err)
	}
	text := digestFor(t, app, th, notify.Daily, "crew@testville.example").GetString("text")
	for _, want := range []string{"Open requests by department", "Public Works: 1 open request", "Town Clerk's Office: 1 open request",
		"Overdue", hole.GetString("number") + " · Pothole", "Was due", "New in this period"} {
		if !strings.Contains(text, want) {
			t.Errorf("staff digest lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, late.GetString("number")+" ·") {
		t.Errorf("staff digest lists another department's request:\n%s", text)
	}
	if n := count(t, app, "digest_runs", dbx.HashExp{"kind": "staff"}); n != 1 {
		t.Errorf("%d staff runs", n)
	}
}
