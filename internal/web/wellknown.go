package web

import (
	"encoding/xml"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// theme is the town's colour as a stylesheet, so pages need no inline style.
func (h *Handler) theme(e *core.RequestEvent) error {
	colour := h.town.Get().Colour
	if len(colour) != 7 || colour[0] != '#' {
		colour = "#1d4f6e"
	}
	e.Response.Header().Set("Cache-Control", "public, max-age=300")
	return e.Blob(http.StatusOK, "text/css; charset=utf-8", []byte(":root{--brand:"+colour+"}\n"))
}

func (h *Handler) robots(e *core.RequestEvent) error {
	base := town.AbsURL(e.App, "")
	body := "User-agent: *\nDisallow: /api/\nDisallow: /_/\nDisallow: /*/search\n\nSitemap: " + base + "/sitemap.xml\n"
	return e.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(body))
}

// securityTxt follows RFC 9116: whom to tell about a vulnerability.
func (h *Handler) securityTxt(e *core.RequestEvent) error {
	t := h.town.Get()
	base := town.AbsURL(e.App, "")
	contact := t.Email
	if contact == "" {
		contact = e.App.Settings().Meta.SenderAddress
	}
	expires := h.now().UTC().AddDate(1, 0, 0).Truncate(24 * time.Hour).Format(time.RFC3339)
	body := fmt.Sprintf("Contact: mailto:%s\nExpires: %s\nPreferred-Languages: %s\nCanonical: %s/.well-known/security.txt\n",
		contact, expires, strings.Join(t.Languages, ", "), base)
	return e.Blob(http.StatusOK, "text/plain; charset=utf-8", []byte(body))
}

type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	XHTML   string       `xml:"xmlns:xhtml,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc   string        `xml:"loc"`
	Links []sitemapLink `xml:"xhtml:link"`
}

type sitemapLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemap lists every public page in every language, each with its
// hreflang alternates (including itself), as search engines ask.
func (h *Handler) sitemap(e *core.RequestEvent) error {
	t := h.town.Get()
	base := town.AbsURL(e.App, "")
	set := sitemapURLSet{XHTML: "http://www.w3.org/1999/xhtml"}
	add := func(href func(lang string) string) {
		for _, lang := range t.Languages {
			u := sitemapURL{Loc: base + href(lang)}
			for _, l := range t.Languages {
				u.Links = append(u.Links, sitemapLink{Rel: "alternate", Hreflang: l, Href: base + href(l)})
			}
			u.Links = append(u.Links, sitemapLink{Rel: "alternate", Hreflang: "x-default", Href: base + href(t.DefaultLanguage)})
			set.URLs = append(set.URLs, u)
		}
	}
	for _, p := range []string{"/", "/help", "/services", "/departments", "/notices"} {
		add(func(lang string) string { return "/" + lang + p })
	}
	services, err := requests.Services(e.App, t.DefaultLanguage, t.DefaultLanguage)
	if err != nil {
		return h.fail(e, t.DefaultLanguage, err)
	}
	for _, s := range services {
		add(func(lang string) string { return "/" + lang + "/services/" + s.Code })
	}
	pages, err := kb.List(e.App, t.DefaultLanguage, "", "")
	if err != nil {
		return h.fail(e, t.DefaultLanguage, err)
	}
	for _, section := range kb.Sections(pages, h.order) {
		add(func(lang string) string { return kb.SectionPath(lang, section) })
	}
	for _, p := range pages {
		tr, err := kb.Translations(e.App, p.TranslationKey)
		if err != nil {
			return h.fail(e, t.DefaultLanguage, err)
		}
		add(func(lang string) string {
			if q, ok := tr[lang]; ok {
				return q.Path()
			}
			return kb.PagePath(lang, p.Section, p.Slug)
		})
	}
	out, err := xml.MarshalIndent(set, "", " ")
	if err != nil {
		return h.fail(e, t.DefaultLanguage, err)
	}
	return e.Blob(http.StatusOK, "application/xml; charset=utf-8", append([]byte(xml.Header), out...))
}
