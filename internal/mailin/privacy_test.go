package mailin_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/mailin"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// A report by email, signed informally (not with "-- "), is filed whole for
// staff, but its public page shows none of the text until staff publish it,
// and says so; the reporter's signed link shows it all.
func TestEmailedReportIsNotPublished(t *testing.T) {
	t.Parallel()
	f := newFixture(t, mailin.Config{})
	msg := "From: Linda Private <linda@example.org>\r\nTo: pothole@testville.example\r\nSubject: Pothole\r\n" +
		"Message-ID: <linda-1@example.org>\r\nDate: Mon, 3 Nov 2026 08:12:40 -0500\r\n\r\n" +
		"There is a deep pothole by the school gate.\r\n\r\nThanks,\r\nLinda Private\r\n44 Cedar Court\r\nCell: 555-867-5309\r\n"
	f.mustSend(t, "linda@example.org", []string{"pothole@testville.example"}, []byte(msg))
	r := requestFrom(t, f.app, "linda@example.org")
	number := r.GetString("number")
	if !r.GetBool("public") || r.GetString("channel") != requests.ChannelEmail {
		t.Fatalf("request %s: public %v, channel %s", number, r.GetBool("public"), r.GetString("channel"))
	}
	mux := schematest.Mux(t, f.app)
	page := func(url string, status int, want, notWant []string) {
		t.Helper()
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, url, nil))
		body := rec.Body.String()
		if rec.Code != status {
			t.Fatalf("GET %s: %d, want %d", url, rec.Code, status)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s lacks %q", url, w)
			}
		}
		for _, w := range notWant {
			if strings.Contains(body, w) {
				t.Errorf("GET %s shows %q", url, w)
			}
		}
	}
	private := []string{"Linda", "Cedar", "867-5309", "deep pothole"}
	page("/en/requests/"+number, 200, []string{number, "Pothole", "its description is visible to town staff only"}, private)
	page("/es/requests/"+number, 200, []string{"solo el personal del ayuntamiento puede ver su descripción"}, private)
	page("/en/requests", 200, []string{number}, private)
	page("/open311/v2/requests/"+number+".json", 200, []string{number}, private)
	key := requests.Sign(f.app, "private", number)
	page("/en/requests/"+number+"?key="+key, 200, []string{"deep pothole by the school gate", "Linda Private", "555-867-5309"}, nil)
}
