package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests/desk"
	"github.com/townhall/townhall/internal/town"
)

// Alternate is the current page in one language, for the switcher and the
// hreflang links.
type Alternate struct {
	Lang    string
	Href    string // site path, for the hreflang links
	Link    string // the switcher's link: Href with this page's query (see switchLinks)
	Current bool
}

// View is what every page's layout needs; handlers add Title and Data.
type View struct {
	Lang        string
	Town        *town.Town
	TownName    string
	Title       string
	Description string
	Path        string // this page's site path
	BaseURL     string // absolute origin for hreflang and feeds, from the app URL setting
	Alternates  []Alternate
	Critical    []town.Notice
	User        *core.Record
	Query       string      // search box value
	Feed        string      // Atom feed path for this language
	NoIndex     bool        // keep robots away (search results, errors)
	Flash       string      // a one-time message, translated
	Staff       *desk.Staff // who is working, on staff desk pages
	Data        any

	// AppURLWarning is the Application URL, on desk pages while residents
	// cannot reach it (links in emails would not work).
	AppURLWarning string
}

// view builds the common part of a page in lang at path (without the
// language prefix, e.g. "/help"), with alternates that keep the same path.
func (h *Handler) view(e *core.RequestEvent, lang, path string) *View {
	t := h.town.Get()
	v := &View{
		Lang: lang, Town: t, TownName: t.NameIn(lang), Path: "/" + lang + path,
		BaseURL: town.AbsURL(e.App, ""),
		User:    e.Auth, Feed: "/" + lang + "/notices.atom",
	}
	v.Alternates = h.alternates(lang, func(l string) string { return "/" + l + path })
	if id := takeFlash(e); id != "" {
		v.Flash = h.bundle.T(lang, id, nil)
		v.NoIndex = true
	}
	crit, err := town.Notices(e.App, lang, t.DefaultLanguage, h.now(), true, 3)
	if err != nil {
		h.logError(e, err)
	}
	v.Critical = crit
	return v
}

// alternates lists the page in every offered language, using href to build
// each language's path.
func (h *Handler) alternates(lang string, href func(lang string) string) []Alternate {
	langs := h.town.Get().Languages
	out := make([]Alternate, len(langs))
	for i, l := range langs {
		out[i] = Alternate{Lang: l, Href: href(l), Current: l == lang}
	}
	return out
}

// switchLinks gives every alternate the query of the page it stands for,
// so switching language keeps the place: a session being registered for,
// a private ?key=, search words, filters, the week. A ?next= that leads
// into the site is sent to its page in the chosen language. The error page
// (its alternates are the home page) keeps no query.
func switchLinks(e *core.RequestEvent, v *View, page string) {
	q := url.Values{}
	if page != "error" && e.Request.Method == http.MethodGet {
		q = e.Request.URL.Query()
	}
	next := q.Get("next")
	if next != "" && safeNext(next, v.Lang) != next {
		q.Del("next")
		next = ""
	}
	for i, a := range v.Alternates {
		if next != "" {
			if rest, ok := strings.CutPrefix(next, "/"+v.Lang+"/"); ok {
				q.Set("next", "/"+a.Lang+"/"+rest)
			}
		}
		v.Alternates[i].Link = a.Href
		if len(q) > 0 {
			v.Alternates[i].Link += "?" + q.Encode()
		}
	}
}
