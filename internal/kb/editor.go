package kb

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Edit is one save from the editor.
type Edit struct {
	PageID         string // "" for a new page
	Lang           string // a new page's language
	TranslationKey string // a new page's key; its slug when empty
	Content
	Note         string
	Publish      bool   // publish (or send for approval), not just save a draft
	Approval     bool   // publishing needs the clerk's approval
	Base         string // the newest revision when the editor opened the page
	BaseVersion  int    // the page's version then
	RestoredFrom string // set by Restore
	Author       Author
	Today        time.Time // the town's date, stored as the page's revised date
	DefaultLang  string    // the town's default language, for link checks
}

// ConflictError is returned when someone saved the page after the editor
// opened it: nothing is saved, and the editor sees both versions.
type ConflictError struct {
	Theirs      Content
	By          string
	At          time.Time
	Head        string // the new base to save over theirs on purpose
	HeadVersion int
}

func (e *ConflictError) Error() string {
	return fmt.Sprintf("page changed by %s at %s since it was opened", e.By, e.At.Format(time.RFC3339))
}

// ErrPageNotFound is returned for an edit of a page that does not exist.
var ErrPageNotFound = errors.New("page not found")

// Save stores an edit in one transaction: always a new revision, and on
// publishing without approval the page itself, which the kb hooks render
// and index at once. A draft or a change waiting for approval leaves the
// published page as it is, except for a page that was never published,
// whose record holds its newest draft (it is not on the site).
func Save(app core.App, e Edit) (*core.Record, *Revision, error) {
	e.Content.Normalize()
	var page *core.Record
	var rev *Revision
	err := app.RunInTransaction(func(tx core.App) error {
		var err error
		if page, err = loadOrNew(tx, &e); err != nil {
			return err
		}
		if err := check(tx, page, e); err != nil {
			return err
		}
		status := e.status()
		if err := store(tx, page, e, status); err != nil {
			return err
		}
		rev, err = saveRevision(tx, page, e.Content, status, e.Author, e.Note, e.Base, e.RestoredFrom)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return page, rev, nil
}

// status is what the edit's revision will be.
func (e Edit) status() string {
	switch {
	case !e.Publish:
		return StatusDraft
	case e.Approval:
		return StatusPending
	}
	return StatusPublished
}

// check refuses an edit that crosses someone else's, that the page cannot
// take, or that would publish links to pages that do not exist.
func check(tx core.App, page *core.Record, e Edit) error {
	if err := checkConflict(tx, page, e); err != nil {
		return err
	}
	if verr := e.Content.validate(tx, page.Id, page.GetString("language"), e.Note); verr != nil {
		return verr
	}
	if page.GetBool("published") && e.Slug != page.GetString("slug") {
		// The address of a published page stays: links and files use it.
		return invalid("slug", "editor.error.slug_fixed", nil)
	}
	if !e.Publish {
		return nil
	}
	if links := MissingLinks(tx, PagePath(page.GetString("language"), e.Section, e.Slug), e.DefaultLang, e.Body); len(links) > 0 {
		return invalid("body", "editor.error.broken_links", map[string]any{"Links": strings.Join(links, ", "), "Count": len(links)})
	}
	return nil
}

// store puts the edit on the page record when it is published, or when the
// page is not on the site (its record holds its newest draft). A draft of
// a published page leaves the page alone.
func store(tx core.App, page *core.Record, e Edit, status string) error {
	switch {
	case status == StatusPublished:
		apply(page, e.Content, e.Today)
		page.Set("published", true)
	case !page.GetBool("published"):
		apply(page, e.Content, time.Time{})
	default:
		return nil
	}
	if err := tx.Save(page); err != nil {
		return fmt.Errorf("save page: %w", err)
	}
	return nil
}

// loadOrNew returns the page being edited, or a new unpublished one.
func loadOrNew(tx core.App, e *Edit) (*core.Record, error) {
	if e.PageID != "" {
		page, err := tx.FindRecordById("pages", e.PageID)
		if err != nil {
			return nil, ErrPageNotFound
		}
		return page, nil
	}
	if !langRe.MatchString(e.Lang) {
		return nil, invalid("language", "editor.error.choice", nil)
	}
	col, err := tx.FindCollectionByNameOrId("pages")
	if err != nil {
		return nil, err
	}
	page := core.NewRecord(col)
	key := e.TranslationKey
	if key == "" {
		key = e.Slug
	}
	page.Load(map[string]any{"language": e.Lang, "translation_key": key, "published": false})
	return page, nil
}

// checkConflict refuses an edit when the page has a newer revision, or was
// saved without one (in the admin UI, or by an approval), since the editor
// opened it: its version counts every save of the record.
func checkConflict(tx core.App, page *core.Record, e Edit) error {
	if page.IsNew() {
		return nil
	}
	head, err := Head(tx, page)
	if err != nil {
		return err
	}
	headID := ""
	if head != nil {
		headID = head.ID
	}
	version := page.GetInt("version")
	if headID == e.Base && version == e.BaseVersion {
		return nil
	}
	c := &ConflictError{Head: headID, HeadVersion: version, Theirs: ContentOf(page), At: page.GetDateTime("updated").Time()}
	if head != nil && head.ID != e.Base {
		c.Theirs, c.By, c.At = head.Content, head.AuthorName, head.Created
	}
	return c
}

// apply puts c on the page record; a non-zero today becomes its revised
// date (the "last reviewed" line), as a date like the files' front matter.
func apply(page *core.Record, c Content, today time.Time) {
	tags := c.Tags
	if tags == nil {
		tags = []string{}
	}
	// A page whose key followed its address keeps following it.
	if key := page.GetString("translation_key"); key == "" || key == page.GetString("slug") {
		page.Set("translation_key", c.Slug)
	}
	page.Load(map[string]any{
		"title": c.Title, "slug": c.Slug, "section": c.Section, "summary": c.Summary, "body": c.Body,
		"service": c.ServiceID, "tags": tags,
	})
	if !today.IsZero() {
		d, _ := types.ParseDateTime(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC))
		page.Set("revised", d)
	}
}
