package web

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// developersData is the page for developers of Open311 clients: where the
// API is, how to get a key, and examples built from the town's own
// services, so every command works as shown.
type developersData struct {
	API                      breakable
	Jurisdiction, ClerkEmail string
	Languages                []string
	Rate                     int
	Examples                 []example
}

// example is one curl command; ID names its title and explanation in the
// locales (developers.example.<id>.title and .text).
type example struct {
	ID      string
	Command breakable
}

// breakable is code shown with line-break opportunities (<wbr>) after
// slashes, ampersands, commas and equals signs, so a long URL wraps on a
// phone instead of making the page scroll sideways; copying it copies no
// extra characters.
type breakable string

// Parts cuts b after each character where a line may break.
func (b breakable) Parts() []string {
	var out []string
	start := 0
	for i, r := range b {
		if strings.ContainsRune("/?&,=", r) {
			out = append(out, string(b[start:i+1]))
			start = i + 1
		}
	}
	return append(out, string(b[start:]))
}

func (h *Handler) developers(e *core.RequestEvent, lang string) error {
	v := h.view(e, lang, "/developers")
	svcs, err := requests.Services(e.App, lang, v.Town.DefaultLanguage)
	if err != nil {
		return h.fail(e, lang, err)
	}
	number, err := latestPublicNumber(e.App, h.now())
	if err != nil {
		return h.fail(e, lang, err)
	}
	api := h.apiDoc.BaseURL(e.App)
	v.Title = h.bundle.T(lang, "developers.title", nil)
	v.Description = h.bundle.T(lang, "developers.lead", map[string]any{"Town": v.TownName})
	v.Data = developersData{
		API: breakable(api), Jurisdiction: h.apiDoc.Jurisdiction(e.App), ClerkEmail: v.Town.Email,
		Languages: v.Town.Languages, Rate: h.apiDoc.Rate,
		Examples: examples(api, v.Town.Address, svcs, number, h.now().In(v.Town.Location)),
	}
	return h.render(e, 200, "developers", v)
}

// latestPublicNumber is the newest public request, for the GET examples.
func latestPublicNumber(app core.App, now time.Time) (string, error) {
	var recs []*core.Record
	err := app.RecordQuery("requests").AndWhere(dbx.HashExp{"public": true}).AndWhere(dbx.NewExp("number != ''")).
		OrderBy("created DESC").Limit(1).All(&recs)
	if err != nil || len(recs) == 0 {
		return fmt.Sprintf("%d-0001", now.Year()), err
	}
	return recs[0].GetString("number"), nil
}

// examples are the curl commands for every method.
func examples(api, address string, svcs []*requests.Service, number string, now time.Time) []example {
	if address == "" {
		address = "1 Main Street"
	}
	out := []example{
		{"discovery", breakable("curl " + api + "/discovery.json")},
		{"services", breakable("curl " + api + "/services.xml")},
	}
	withForm := pick(svcs, func(s *requests.Service) bool { return len(s.Attributes) > 0 && s.Photos })
	if withForm != nil {
		out = append(out, example{"definition", breakable("curl " + api + "/services/" + withForm.Code + ".json")})
		post := []string{"-d api_key=YOUR_KEY", "-d service_code=" + withForm.Code, `--data-urlencode "address_string=` + address + `"`,
			`--data-urlencode "description=Deep hole by the crosswalk"`}
		out = append(out, example{"post", curlPost(api+"/requests.json", append(post, answers(withForm, "-d", now)...))})
		media := []string{"-F api_key=YOUR_KEY", "-F service_code=" + withForm.Code, "-F lat=42.3601", "-F long=-71.0589",
			"-F email=you@example.com"}
		out = append(out, example{"media", curlPost(api+"/requests.xml", append(append(media, answers(withForm, "-F", now)...), "-F media=@photo.jpg"))})
	}
	multi := pick(svcs, func(s *requests.Service) bool {
		return slices.ContainsFunc(s.Attributes, func(a requests.Attribute) bool { return a.Datatype == "multivaluelist" })
	})
	if multi != nil {
		post := []string{"-d api_key=YOUR_KEY", "-d service_code=" + multi.Code, `--data-urlencode "address_string=` + address + `"`,
			"-d email=you@example.com"}
		out = append(out, example{"multi", curlPost(api+"/requests.json", append(post, answers(multi, "-d", now)...))})
	}
	codes := []string{}
	for _, s := range svcs[:min(2, len(svcs))] {
		codes = append(codes, s.Code)
	}
	start := now.AddDate(0, 0, -30).Truncate(24 * time.Hour).UTC().Format(time.RFC3339)
	return append(out,
		example{"list", breakable(`curl "` + api + "/requests.json?service_code=" + strings.Join(codes, ",") + "&status=open&start_date=" + start + `"`)},
		example{"page", breakable(`curl "` + api + `/requests.xml?status=open&page=2&page_size=50"`)},
		example{"one", breakable("curl " + api + "/requests/" + number + ".xml")},
		example{"extensions", breakable(`curl "` + api + "/requests/" + number + `.json?extensions=true"`)},
		example{"updates", breakable(`curl "` + api + "/servicerequestupdates.xml?start_date=" + start + `"`)},
		example{"token", breakable("curl " + api + "/tokens/12345.json")},
	)
}

func pick(svcs []*requests.Service, ok func(*requests.Service) bool) *requests.Service {
	for _, s := range svcs {
		if ok(s) {
			return s
		}
	}
	return nil
}

// answers gives an answer to each required question of s, as curl flags.
func answers(s *requests.Service, flag string, now time.Time) []string {
	var out []string
	for _, a := range s.Attributes {
		if !a.Required {
			continue
		}
		// Quoted: zsh would take the brackets for a file pattern.
		arg := func(value string) string { return flag + ` "attribute[` + a.Code + `]` + value + `"` }
		switch {
		case (a.Datatype == "singlevaluelist" || a.Datatype == "multivaluelist") && len(a.Values) == 0:
		case a.Datatype == "singlevaluelist":
			out = append(out, arg("="+a.Values[0].Key))
		case a.Datatype == "multivaluelist":
			for _, v := range a.Values[:min(2, len(a.Values))] {
				out = append(out, arg("[]="+v.Key))
			}
		case a.Datatype == "number":
			out = append(out, arg("=2"))
		case a.Datatype == "datetime":
			out = append(out, arg("="+now.Format(time.DateOnly)))
		case flag == "-d":
			out = append(out, `--data-urlencode "attribute[`+a.Code+`]=Next to the mailbox"`)
		default:
			out = append(out, arg("=Next to the mailbox"))
		}
	}
	return out
}

// curlPost lays a POST out one flag per line, ready to paste in a shell.
func curlPost(url string, flags []string) breakable {
	return breakable("curl " + url + " \\\n  " + strings.Join(flags, " \\\n  "))
}
