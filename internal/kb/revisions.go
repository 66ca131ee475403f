package kb

import (
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Revision statuses. A revision without one predates drafts (imports and
// older saves) and counts as published.
const (
	StatusDraft     = "draft"     // saved, not on the site
	StatusPending   = "pending"   // waiting for the clerk's approval
	StatusPublished = "published" // was put on the site
	StatusRejected  = "rejected"  // the clerk said no
)

// Content is everything about a page that an editor can change.
type Content struct {
	Title     string
	Slug      string
	Section   string
	Summary   string
	Body      string
	ServiceID string
	Tags      []string
}

// Author is who saves a revision.
type Author struct {
	ID   string // users record, or "" for imports
	Name string
}

// Revision is one saved version of a page: who, when, and the whole page as
// it was then.
type Revision struct {
	ID           string
	PageID       string
	Status       string
	AuthorID     string
	AuthorName   string
	Note         string
	Base         string // the revision the editor started from
	RestoredFrom string // the revision this one rolls back to
	Created      time.Time
	Content
}

// Live reports whether the revision was put on the site.
func (r *Revision) Live() bool { return r.Status == StatusPublished || r.Status == "" }

// ContentOf returns what the page record holds, which is what the site shows
// once it is published.
func ContentOf(page *core.Record) Content {
	c := Content{
		Title: page.GetString("title"), Slug: page.GetString("slug"), Section: page.GetString("section"),
		Summary: page.GetString("summary"), Body: page.GetString("body"), ServiceID: page.GetString("service"),
	}
	_ = page.UnmarshalJSONField("tags", &c.Tags)
	return c
}

func revisionFromRecord(r *core.Record) *Revision {
	rev := &Revision{
		ID: r.Id, PageID: r.GetString("page"), Status: r.GetString("status"),
		AuthorID: r.GetString("author"), AuthorName: r.GetString("author_name"), Note: r.GetString("note"),
		Base: r.GetString("base"), RestoredFrom: r.GetString("restored_from"), Created: r.GetDateTime("created").Time(),
		Content: Content{
			Title: r.GetString("title"), Slug: r.GetString("slug"), Section: r.GetString("section"),
			Summary: r.GetString("summary"), Body: r.GetString("body"), ServiceID: r.GetString("service"),
		},
	}
	_ = r.UnmarshalJSONField("tags", &rev.Tags)
	return rev
}

// complete fills what revisions saved by an import do not record (address,
// service, tags) from the page, so every revision is a whole page.
func (r *Revision) complete(page *core.Record) {
	if r.Slug != "" {
		return
	}
	now := ContentOf(page)
	r.Slug, r.Section, r.ServiceID, r.Tags = now.Slug, now.Section, now.ServiceID, now.Tags
}

// maxHistory bounds the history shown for one page.
const maxHistory = 500

// Revisions returns the page's revisions, newest first. Rowids order them:
// two saves in the same millisecond still come in the order they were made.
func Revisions(app core.App, page *core.Record) ([]*Revision, error) {
	var recs []*core.Record
	err := app.RecordQuery("page_revisions").AndWhere(dbx.HashExp{"page": page.Id}).
		OrderBy("rowid DESC").Limit(maxHistory).All(&recs)
	if err != nil {
		return nil, fmt.Errorf("load revisions of %s: %w", page.Id, err)
	}
	out := make([]*Revision, len(recs))
	for i, r := range recs {
		out[i] = revisionFromRecord(r)
		out[i].complete(page)
	}
	return out, nil
}

// ErrNoRevision is returned for a revision that is not the page's.
var ErrNoRevision = errors.New("revision not found")

// FindRevision returns one revision of page.
func FindRevision(app core.App, page *core.Record, id string) (*Revision, error) {
	r, err := app.FindRecordById("page_revisions", id)
	if err != nil || r.GetString("page") != page.Id {
		return nil, ErrNoRevision
	}
	rev := revisionFromRecord(r)
	rev.complete(page)
	return rev, nil
}

// Head returns the page's newest revision, or nil when it has none (a page
// made in the admin UI).
func Head(app core.App, page *core.Record) (*Revision, error) {
	var recs []*core.Record
	err := app.RecordQuery("page_revisions").AndWhere(dbx.HashExp{"page": page.Id}).
		OrderBy("rowid DESC").Limit(1).All(&recs)
	if err != nil {
		return nil, fmt.Errorf("load newest revision of %s: %w", page.Id, err)
	}
	if len(recs) == 0 {
		return nil, nil
	}
	rev := revisionFromRecord(recs[0])
	rev.complete(page)
	return rev, nil
}

// saveRevision records c as a new revision of page.
func saveRevision(tx core.App, page *core.Record, c Content, status string, by Author, note, base, restoredFrom string) (*Revision, error) {
	col, err := tx.FindCollectionByNameOrId("page_revisions")
	if err != nil {
		return nil, err
	}
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	rec := core.NewRecord(col)
	rec.Load(map[string]any{
		"page": page.Id, "status": status, "author": by.ID, "author_name": by.Name, "note": note,
		"title": c.Title, "slug": c.Slug, "section": c.Section, "summary": c.Summary, "body": c.Body,
		"service": c.ServiceID, "tags": tags, "base": base, "restored_from": restoredFrom,
	})
	if err := tx.Save(rec); err != nil {
		return nil, fmt.Errorf("record revision of %s: %w", page.Id, err)
	}
	return revisionFromRecord(rec), nil
}
