package web

import (
	"encoding/xml"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/town"
)

const noticesShown = 50

// notices lists the current notices, critical ones first in the banner.
func (h *Handler) notices(e *core.RequestEvent, lang string) error {
	v := h.view(e, lang, "/notices")
	list, err := town.Notices(e.App, lang, v.Town.DefaultLanguage, h.now(), false, noticesShown)
	if err != nil {
		return h.fail(e, lang, err)
	}
	v.Title = h.bundle.T(lang, "notices.title", nil)
	v.Data = list
	return h.render(e, 200, "notices", v)
}

// Atom (RFC 4287) elements, just the ones a feed needs.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomAuthor  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomEntry struct {
	ID       string   `xml:"id"`
	Title    string   `xml:"title"`
	Updated  string   `xml:"updated"`
	Link     atomLink `xml:"link"`
	Category *atomCat `xml:"category,omitempty"`
	Content  atomText `xml:"content"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

// noticesFeed is the notices as an Atom feed in one language, with
// Last-Modified so feed readers can ask only for changes.
func (h *Handler) noticesFeed(e *core.RequestEvent, lang string) error {
	t := h.town.Get()
	list, err := town.Notices(e.App, lang, t.DefaultLanguage, h.now(), false, noticesShown)
	if err != nil {
		return h.fail(e, lang, err)
	}
	base := h.view(e, lang, "/notices").BaseURL
	updated := t.Updated
	for _, n := range list {
		if n.Updated.After(updated) {
			updated = n.Updated
		}
	}
	updated = updated.UTC().Truncate(time.Second)
	if since, err := http.ParseTime(e.Request.Header.Get("If-Modified-Since")); err == nil && !updated.After(since) {
		return e.NoContent(http.StatusNotModified)
	}
	feed := atomFeed{
		Lang: lang, ID: base + "/" + lang + "/notices.atom",
		Title:   h.bundle.T(lang, "notices.feed_title", map[string]any{"Town": t.NameIn(lang)}),
		Updated: updated.Format(time.RFC3339), Author: atomAuthor{Name: t.NameIn(lang)},
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: base + "/" + lang + "/notices.atom"},
			{Rel: "alternate", Type: "text/html", Href: base + "/" + lang + "/notices"},
		},
	}
	for _, n := range list {
		entry := atomEntry{
			ID: "urn:townhall:notice:" + n.ID + ":" + lang, Title: n.Title, Updated: n.Updated.UTC().Format(time.RFC3339),
			Link:    atomLink{Rel: "alternate", Type: "text/html", Href: base + "/" + lang + "/notices#notice-" + n.ID},
			Content: atomText{Type: "html", Body: string(n.Body)},
		}
		if n.Critical {
			entry.Category = &atomCat{Term: "critical"}
		}
		feed.Entries = append(feed.Entries, entry)
	}
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		return h.fail(e, lang, err)
	}
	e.Response.Header().Set("Last-Modified", updated.Format(http.TimeFormat))
	return e.Blob(http.StatusOK, "application/atom+xml; charset=utf-8", append([]byte(xml.Header), out...))
}
