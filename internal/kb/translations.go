package kb

import (
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// PageState is a page as the editors' workspace lists it: where it stands
// and whether its translations keep up with it.
type PageState struct {
	ID, Lang, Section, Slug, Title, Key string
	Published                           bool
	Status                              string    // of the newest revision; "" when it has none
	ChangedBy                           string    // who saved the newest revision
	ChangedAt                           time.Time // when
	LiveAt                              time.Time // when it was last put on the site

	Missing       []string  // languages with no page of this key
	Outdated      bool      // the source was published after this translation
	SourceID      string    // the page in the default language, if any
	SourceChanged time.Time // when the source was last published
}

// Path is the page's address on the site.
func (p *PageState) Path() string { return PagePath(p.Lang, p.Section, p.Slug) }

// Workspace lists every page with its status and translation state, by
// section, translation key and language (the default first).
func Workspace(app core.App, langs []string, def string) ([]*PageState, error) {
	var pages []struct {
		ID        string `db:"id"`
		Lang      string `db:"language"`
		Section   string `db:"section"`
		Slug      string `db:"slug"`
		Title     string `db:"title"`
		Key       string `db:"translation_key"`
		Published bool   `db:"published"`
		Updated   string `db:"updated"`
	}
	err := app.DB().NewQuery(`SELECT id, language, section, slug, title, translation_key, published, updated FROM pages`).All(&pages)
	if err != nil {
		return nil, fmt.Errorf("list pages: %w", err)
	}
	heads, live, err := revisionTimes(app)
	if err != nil {
		return nil, err
	}
	out := make([]*PageState, len(pages))
	for i, p := range pages {
		s := &PageState{ID: p.ID, Lang: p.Lang, Section: p.Section, Slug: p.Slug, Title: p.Title, Key: p.Key, Published: p.Published}
		s.ChangedAt = parseTime(p.Updated)
		if h, ok := heads[p.ID]; ok {
			s.Status, s.ChangedBy, s.ChangedAt = h.Status, h.Author, parseTime(h.Created)
		}
		if t, ok := live[p.ID]; ok {
			s.LiveAt = parseTime(t)
		} else if p.Published {
			s.LiveAt = parseTime(p.Updated)
		}
		out[i] = s
	}
	MarkTranslations(out, langs, def)
	slices.SortFunc(out, func(a, b *PageState) int {
		if c := compareStrings(a.Section, b.Section); c != 0 {
			return c
		}
		if c := compareStrings(a.Key, b.Key); c != 0 {
			return c
		}
		return compareStrings(langRank(a.Lang, def), langRank(b.Lang, def))
	})
	return out, nil
}

type head struct {
	Page    string `db:"page"`
	Status  string `db:"status"`
	Author  string `db:"author_name"`
	Created string `db:"created"`
}

// revisionTimes returns each page's newest revision, and when each page was
// last put on the site.
func revisionTimes(app core.App) (map[string]head, map[string]string, error) {
	var heads []head
	err := app.DB().NewQuery(`SELECT r.page, r.status, r.author_name, r.created FROM page_revisions r
		JOIN (SELECT MAX(rowid) AS last FROM page_revisions GROUP BY page) h ON r.rowid = h.last`).All(&heads)
	if err != nil {
		return nil, nil, fmt.Errorf("newest revisions: %w", err)
	}
	var lives []struct {
		Page string `db:"page"`
		At   string `db:"at"`
	}
	err = app.DB().NewQuery(`SELECT page, MAX(created) AS at FROM page_revisions
		WHERE status IN ('published', '') GROUP BY page`).All(&lives)
	if err != nil {
		return nil, nil, fmt.Errorf("publication times: %w", err)
	}
	hm := make(map[string]head, len(heads))
	for _, h := range heads {
		hm[h.Page] = h
	}
	lm := make(map[string]string, len(lives))
	for _, l := range lives {
		lm[l.Page] = l.At
	}
	return hm, lm, nil
}

// MarkTranslations fills in each page's translation state. Pages with the
// same key are translations of one another; the one in the default language
// is their source. A published translation is outdated when its source was
// published after it.
func MarkTranslations(pages []*PageState, langs []string, def string) {
	groups := map[string][]*PageState{}
	for _, p := range pages {
		key := p.Key
		if key == "" {
			key = "\x00" + p.ID
		}
		groups[key] = append(groups[key], p)
	}
	for _, group := range groups {
		var source *PageState
		have := map[string]bool{}
		for _, p := range group {
			have[p.Lang] = true
			if p.Lang == def {
				source = p
			}
		}
		var missing []string
		for _, l := range langs {
			if !have[l] {
				missing = append(missing, l)
			}
		}
		for _, p := range group {
			p.Missing = missing
			if source == nil || p == source {
				continue
			}
			p.SourceID, p.SourceChanged = source.ID, source.LiveAt
			p.Outdated = p.Published && source.Published && source.LiveAt.After(p.LiveAt)
		}
	}
}

// SectionsInUse returns the sections pages have, alphabetically.
func SectionsInUse(app core.App) ([]string, error) {
	var out []string
	if err := app.DB().NewQuery("SELECT DISTINCT section FROM pages ORDER BY section").Column(&out); err != nil {
		return nil, fmt.Errorf("list sections: %w", err)
	}
	return out, nil
}

// Source returns the page in def that page translates, or nil.
func Source(app core.App, page *core.Record, def string) *core.Record {
	key := page.GetString("translation_key")
	if key == "" || page.GetString("language") == def {
		return nil
	}
	src, err := app.FindFirstRecordByFilter("pages", "translation_key = {:key} && language = {:def}",
		dbx.Params{"key": key, "def": def})
	if err != nil {
		return nil
	}
	return src
}

// LiveAt returns when page was last put on the site (zero if never).
func LiveAt(app core.App, page *core.Record) time.Time {
	var at string
	err := app.DB().NewQuery(`SELECT COALESCE(MAX(created), '') FROM page_revisions WHERE page = {:page} AND status IN ('published', '')`).
		Bind(dbx.Params{"page": page.Id}).Row(&at)
	if err != nil || at == "" {
		if page.GetBool("published") {
			return page.GetDateTime("updated").Time()
		}
		return time.Time{}
	}
	return parseTime(at)
}

// LiveRevisionAt returns the revision of page that was on the site at t, so
// a translator can see what changed in the source since they translated it.
func LiveRevisionAt(app core.App, page *core.Record, t time.Time) (*Revision, error) {
	at, _ := types.ParseDateTime(t)
	var recs []*core.Record
	err := app.RecordQuery("page_revisions").
		AndWhere(dbx.HashExp{"page": page.Id}).
		AndWhere(dbx.NewExp("status IN ('published', '') AND created <= {:at}", dbx.Params{"at": at.String()})).
		OrderBy("rowid DESC").Limit(1).All(&recs)
	if err != nil || len(recs) == 0 {
		return nil, err
	}
	rev := revisionFromRecord(recs[0])
	rev.complete(page)
	return rev, nil
}

func parseTime(s string) time.Time {
	t, _ := types.ParseDateTime(s)
	return t.Time()
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func langRank(lang, def string) string {
	if lang == def {
		return ""
	}
	return lang
}
