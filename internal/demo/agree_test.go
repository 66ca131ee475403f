package demo_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// page is the demo article slug, as imported.
func page(t *testing.T, app core.App, slug string) *core.Record {
	t.Helper()
	r, err := app.FindFirstRecordByData("pages", "slug", slug)
	if err != nil {
		t.Fatalf("page %s: %v", slug, err)
	}
	return r
}

// The demo town agrees with itself: the articles about the pavilion and
// youth soccer name the facility and the program they are about (a Book
// and a Register button), and what they say matches what the booking pages
// take: hours, fees, seasons and online registration.
func TestArticlesAgreeWithBookingData(t *testing.T) {
	app, _ := seeded(t)
	for _, slug := range []string{"reserving-the-pavilion-or-meeting-room", "reservar-el-pabellon-o-la-sala-de-reuniones"} {
		if p := page(t, app, slug); p.GetString("facility") != "pavilion" {
			t.Errorf("%s is about facility %q, want pavilion", slug, p.GetString("facility"))
		}
	}
	for _, slug := range []string{"youth-sports-registration", "inscripcion-en-deportes-juveniles"} {
		if p := page(t, app, slug); p.GetString("program") != "youth-soccer" {
			t.Errorf("%s is about program %q, want youth-soccer", slug, p.GetString("program"))
		}
	}
	pav, err := app.FindFirstRecordByData("facilities", "slug", "pavilion")
	if err != nil {
		t.Fatal(err)
	}
	article := page(t, app, "reserving-the-pavilion-or-meeting-room").GetString("body")
	fee := "| Pavilion, per reservation (2 to 12 hours) | $" + pav.GetString("fee") + " |"
	if !strings.Contains(article, fee) || pav.GetInt("min_minutes") != 120 || pav.GetInt("max_minutes") != 720 {
		t.Errorf("the pavilion article's fee line %q does not match the facility: fee %v, %d to %d minutes",
			fee, pav.Get("fee"), pav.GetInt("min_minutes"), pav.GetInt("max_minutes"))
	}
	if strings.Contains(article, "half day") || strings.Contains(article, "May 1") {
		t.Error("the pavilion article still has half-day fees or a season the booking page does not keep")
	}
	soccer := page(t, app, "youth-sports-registration").GetString("body")
	if !strings.Contains(soccer, "register online") || !strings.Contains(soccer, "$40 per child") {
		t.Error("the youth sports article does not say that soccer registers online, at $40 a child")
	}
	sessions, err := app.FindAllRecords("program_sessions")
	if err != nil || len(sessions) == 0 {
		t.Fatalf("sessions: %d, %v", len(sessions), err)
	}
	for _, s := range sessions {
		first, last := s.GetDateTime("first_day").Time(), s.GetDateTime("last_day").Time()
		spring := first.Month() == time.April && last.Month() <= time.June && strings.HasPrefix(s.GetString("name"), "Spring")
		fall := first.Month() == time.September && last.Month() <= time.October && strings.HasPrefix(s.GetString("name"), "Fall")
		if !spring && !fall || first.Weekday() != time.Saturday || s.GetFloat("fee") != 40 {
			t.Errorf("session %q from %s to %s at $%v: not a spring or fall season of Saturdays at $40 as the article says",
				s.GetString("name"), first.Format(time.DateOnly), last.Format(time.DateOnly), s.Get("fee"))
		}
	}
}
