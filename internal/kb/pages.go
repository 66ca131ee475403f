// Package kb is the knowledge base: help pages in markdown, their revisions
// and approval, the volunteer editor's rules, and import/export as files.
// Rendering is internal/markdown's and the index is internal/search's; kb
// keeps its published pages in that index.
package kb

import (
	"errors"
	"fmt"
	"html/template"
	"sort"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Page is a published knowledge-base article as the site shows it.
type Page struct {
	ID             string
	Slug           string
	Lang           string
	Section        string
	Title          string
	Summary        string
	HTML           template.HTML // rendered when saved, from trusted goldmark output
	ServiceID      string
	Facility       string // slug of the facility it is about, if any
	Program        string // slug of the program it is about, if any
	Tags           []string
	TranslationKey string
	Revised        time.Time
	Updated        time.Time
}

// Path is the page's address on the site.
func (p *Page) Path() string { return PagePath(p.Lang, p.Section, p.Slug) }

// PagePath is the address of an article.
func PagePath(lang, section, slug string) string {
	return "/" + lang + "/help/" + section + "/" + slug
}

// SectionPath is the address of a section's list of articles.
func SectionPath(lang, section string) string { return "/" + lang + "/help/" + section }

// ErrNotFound is returned when no published page matches.
var ErrNotFound = errors.New("page not found")

func pageFromRecord(r *core.Record) *Page {
	p := &Page{
		ID:             r.Id,
		Slug:           r.GetString("slug"),
		Lang:           r.GetString("language"),
		Section:        r.GetString("section"),
		Title:          r.GetString("title"),
		Summary:        r.GetString("summary"),
		HTML:           template.HTML(r.GetString("html")),
		ServiceID:      r.GetString("service"),
		Facility:       r.GetString("facility"),
		Program:        r.GetString("program"),
		TranslationKey: r.GetString("translation_key"),
		Revised:        r.GetDateTime("revised").Time(),
		Updated:        r.GetDateTime("updated").Time(),
	}
	_ = r.UnmarshalJSONField("tags", &p.Tags)
	return p
}

// Find returns the published page lang/slug.
func Find(app core.App, lang, slug string) (*Page, error) {
	r, err := app.FindFirstRecordByFilter("pages", "language = {:lang} && slug = {:slug} && published = true",
		dbx.Params{"lang": lang, "slug": slug})
	if err != nil {
		return nil, ErrNotFound
	}
	return pageFromRecord(r), nil
}

// Translations returns the published pages sharing key, by language.
func Translations(app core.App, key string) (map[string]*Page, error) {
	out := map[string]*Page{}
	if key == "" {
		return out, nil
	}
	recs, err := app.FindRecordsByFilter("pages", "translation_key = {:key} && published = true", "", 0, 0, dbx.Params{"key": key})
	if err != nil {
		return nil, fmt.Errorf("find translations of %q: %w", key, err)
	}
	for _, r := range recs {
		out[r.GetString("language")] = pageFromRecord(r)
	}
	return out, nil
}

// List returns the published pages in lang, optionally of one section or for
// one service, sorted by title.
func List(app core.App, lang, section, serviceID string) ([]*Page, error) {
	filter := "language = {:lang} && published = true"
	if section != "" {
		filter += " && section = {:section}"
	}
	if serviceID != "" {
		filter += " && service = {:service}"
	}
	recs, err := app.FindRecordsByFilter("pages", filter, "title", 0, 0,
		dbx.Params{"lang": lang, "section": section, "service": serviceID})
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	pages := make([]*Page, len(recs))
	for i, r := range recs {
		pages[i] = pageFromRecord(r)
		pages[i].HTML = "" // lists never show bodies
	}
	return pages, nil
}

// Sections returns the section keys that have published pages in lang, in
// the order given by order, then alphabetically.
func Sections(pages []*Page, order []string) []string {
	rank := map[string]int{}
	for i, s := range order {
		rank[s] = i + 1
	}
	seen := map[string]bool{}
	var out []string
	for _, p := range pages {
		if !seen[p.Section] {
			seen[p.Section] = true
			out = append(out, p.Section)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rank[out[i]], rank[out[j]]
		if ri == 0 {
			ri = len(order) + 1
		}
		if rj == 0 {
			rj = len(order) + 1
		}
		if ri != rj {
			return ri < rj
		}
		return out[i] < out[j]
	})
	return out
}
