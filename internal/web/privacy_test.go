package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"
	"github.com/townhall/townhall/internal/requests"
)

// refuse fails if the page contains any of notWant.
func (b *browser) refuse(body string, notWant ...string) {
	b.t.Helper()
	for _, w := range notWant {
		if strings.Contains(body, w) {
			b.t.Errorf("page shows %q", w)
		}
	}
}

// Free text on public pages has no phone numbers, emails or house numbers,
// and the address shows to the street; the reporter, with the key, sees what
// they sent; a description staff publish replaces the withheld one.
func TestPublicPagesMaskPersonalDetails(t *testing.T) {
	app := demoApp(t)
	r := submitted(t, app, requests.Input{ServiceCode: "pothole", Channel: requests.ChannelWeb,
		Description: "Huge hole. Call me on 555-867-5309 or linda@example.com, I live at 44 Cedar Court.",
		Address:     "31 Mill Street", Answers: map[string][]string{"size": {"small"}}})
	if _, err := requests.AddUpdate(app, requests.Update{RequestID: r.Id, Kind: "comment",
		Body: "We will call you at (555) 867-5309.", AuthorName: "Public Works", Channel: requests.ChannelWeb}); err != nil {
		t.Fatal(err)
	}
	number := r.GetString("number")
	anon := newBrowser(t, app)
	page := anon.do("GET", "/en/requests/"+number, nil)
	anon.expect(page, 200, "Huge hole. Call me on […] or […], I live at Cedar Court.", "<dd>Mill Street</dd>", "We will call you at […].")
	anon.refuse(page.Body.String(), "867-5309", "linda@example.com", "44 Cedar", "31 Mill")
	list := anon.do("GET", "/en/requests", nil)
	anon.expect(list, 200, "<td>Mill Street</td>")
	anon.refuse(list.Body.String(), "31 Mill")

	key := requests.Sign(app, "private", number)
	mine := anon.do("GET", "/en/requests/"+number+"?key="+key, nil)
	anon.expect(mine, 200, "555-867-5309 or linda@example.com, I live at 44 Cedar Court", "31 Mill Street")

	r.Set("published_address", "Mill Street by the post office")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	anon.expect(anon.do("GET", "/es/requests/"+number, nil), 200, "Mill Street by the post office")
}

// A description that came by email is not public until staff publish it.
func TestEmailDescriptionWaitsForStaff(t *testing.T) {
	app := demoApp(t)
	r := submitted(t, app, requests.Input{ServiceCode: "pothole", Channel: requests.ChannelEmail, ContactEmail: "linda@example.com",
		Description: "Big hole by the school.\n\nThanks,\nLinda Private\n44 Cedar Court\nCell: 555-867-5309"})
	number := r.GetString("number")
	anon := newBrowser(t, app)
	for lang, note := range map[string]string{"en": "its description is visible to town staff only", "es": "solo el personal del ayuntamiento puede ver su descripción"} {
		page := anon.do("GET", "/"+lang+"/requests/"+number, nil)
		anon.expect(page, 200, note)
		anon.refuse(page.Body.String(), "Big hole", "Linda", "Cedar", "867-5309")
	}
	r.Set("published_description", "Big hole by the school.")
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	page := anon.do("GET", "/en/requests/"+number, nil)
	anon.expect(page, 200, "Big hole by the school.")
	anon.refuse(page.Body.String(), "visible to town staff only", "Linda")
}

// The home address is offered, never filled in unasked; the button fills it
// and keeps what was typed, without JavaScript.
func TestHomeAddressIsAChoice(t *testing.T) {
	app := demoApp(t)
	b := residentBrowser(t, app)
	form := b.do("GET", "/en/services/streetlight/request", nil)
	b.expect(form, 200, `name="action" value="home"`, "Use my home address", "31 Mill Street, Alder Creek")
	b.refuse(form.Body.String(), `value="31 Mill Street`)
	filled := b.do("POST", "/en/services/streetlight/request", url.Values{"action": {"home"}, "description": {"Light out near the school"}})
	b.expect(filled, 200, `name="address" type="text" value="31 Mill Street, Alder Creek"`, ">Light out near the school</textarea>")
}

// A private request's photo is served to its reporter and staff only; a
// public request's to anyone. PocketBase's own file URL needs a file token.
func TestPrivateRequestPhotos(t *testing.T) {
	app := demoApp(t)
	photo, err := filesystem.NewFileFromBytes(png, "hole.png")
	if err != nil {
		t.Fatal(err)
	}
	r := submitted(t, app, requests.Input{ServiceCode: "pothole", Channel: requests.ChannelWeb, Address: "1 Main",
		Answers: map[string][]string{"size": {"small"}}, Photos: []*filesystem.File{photo}})
	names := r.GetStringSlice("photos")
	if len(names) != 1 {
		t.Fatalf("photos %v", names)
	}
	number, name := r.GetString("number"), names[0]
	path := requests.PhotoPath(number, name)
	anon := newBrowser(t, app)
	anon.expect(anon.do("GET", path, nil), 200, "PNG")
	anon.expect(anon.do("GET", path+"?thumb=100x100", nil), 200, "PNG")

	r.Set("public", false)
	if err := app.Save(r); err != nil {
		t.Fatal(err)
	}
	anon.expect(anon.do("GET", path, nil), 404)
	anon.expect(anon.do("GET", path+"?key=0000", nil), 404)
	anon.expect(anon.do("GET", "/api/files/requests/"+r.Id+"/"+name, nil), 404)
	anon.expect(anon.do("GET", "/api/files/requests/"+r.Id+"/"+name+"?thumb=320x240", nil), 404)
	key := requests.Sign(app, "private", number)
	mine := anon.do("GET", path+"?thumb=320x240&key="+key, nil)
	anon.expect(mine, 200, "PNG")
	if cc := mine.Header().Get("Cache-Control"); !strings.Contains(cc, "no-store") {
		t.Errorf("Cache-Control %q", cc)
	}
	page := anon.do("GET", "/en/requests/"+number+"?key="+key, nil)
	anon.expect(page, 200, `src="`+path+`?key=`+key+`&amp;thumb=320x240"`)

	staff := &browser{t: t, mux: anon.mux, cookies: map[string]*http.Cookie{}}
	signInAs(t, app, staff, "staff")
	staff.expect(staff.do("GET", path, nil), 200, "PNG")
}

// signInAs gives the browser a new account with role.
func signInAs(t *testing.T, app core.App, b *browser, role string) {
	t.Helper()
	col, err := app.FindCollectionByNameOrId("users")
	if err != nil {
		t.Fatal(err)
	}
	u := core.NewRecord(col)
	u.SetEmail(role + "@aldercreek.example")
	u.SetPassword("long-enough-pw")
	u.SetVerified(true)
	u.Set("role", role)
	if err := app.Save(u); err != nil {
		t.Fatal(err)
	}
	tok, err := u.NewAuthToken()
	if err != nil {
		t.Fatal(err)
	}
	b.cookies["th_session"] = newCookie("th_session", tok)
}
