package search

import (
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
)

// Entry is one searchable document in one language.
type Entry struct {
	Kind    string // "page" or "service"
	Ref     string // record id
	Lang    string
	Path    string // site path, e.g. /en/help/waste/bulk-item-pickup
	Title   string
	Summary string
	Text    string // plain text of the body
	Extra   string // words that help find it but are not shown (tags, keywords)
}

// langToken is how a document's language is stored in the indexed lang
// column, so the language filter is an index lookup, not a scan.
func langToken(lang string) string { return "l" + strings.ReplaceAll(lang, "-", "") }

// Put adds or replaces e in the index.
func Put(db dbx.Builder, e Entry) error {
	var id int64
	err := db.NewQuery(`INSERT INTO search_docs (ref, lang) VALUES ({:ref}, {:lang})
		ON CONFLICT (ref, lang) DO UPDATE SET ref = excluded.ref RETURNING id`).
		Bind(dbx.Params{"ref": e.Ref, "lang": e.Lang}).Row(&id)
	if err != nil {
		return fmt.Errorf("index %s: %w", e.Path, err)
	}
	if _, err := db.NewQuery("DELETE FROM search_index WHERE rowid = {:id}").Bind(dbx.Params{"id": id}).Execute(); err != nil {
		return fmt.Errorf("index %s: %w", e.Path, err)
	}
	_, err = db.NewQuery(`INSERT INTO search_index
		(rowid, lang, title, keywords, body, kind, ref, path, display_title, summary, plain)
		VALUES ({:id}, {:lt}, {:title}, {:keywords}, {:body}, {:kind}, {:ref}, {:path}, {:dt}, {:summary}, {:plain})`).
		Bind(dbx.Params{
			"id": id, "lt": langToken(e.Lang),
			"title":    Terms(e.Title, e.Lang),
			"keywords": Terms(e.Summary+"\n"+e.Extra, e.Lang),
			"body":     Terms(e.Text, e.Lang),
			"kind":     e.Kind, "ref": e.Ref, "path": e.Path, "dt": e.Title, "summary": e.Summary, "plain": e.Text,
		}).Execute()
	if err != nil {
		return fmt.Errorf("index %s: %w", e.Path, err)
	}
	return putWords(db, e.Lang, e.Title, e.Summary, e.Extra, e.Text)
}

// Remove takes every language of the record ref out of the index.
func Remove(db dbx.Builder, ref string) error {
	var ids []struct {
		ID int64 `db:"id"`
	}
	if err := db.NewQuery("SELECT id FROM search_docs WHERE ref = {:ref}").Bind(dbx.Params{"ref": ref}).All(&ids); err != nil {
		return fmt.Errorf("unindex %s: %w", ref, err)
	}
	for _, row := range ids {
		if _, err := db.NewQuery("DELETE FROM search_index WHERE rowid = {:id}").Bind(dbx.Params{"id": row.ID}).Execute(); err != nil {
			return fmt.Errorf("unindex %s: %w", ref, err)
		}
	}
	_, err := db.NewQuery("DELETE FROM search_docs WHERE ref = {:ref}").Bind(dbx.Params{"ref": ref}).Execute()
	return err
}

// RemoveLang takes one language of ref out of the index.
func RemoveLang(db dbx.Builder, ref, lang string) error {
	_, err := db.NewQuery(`DELETE FROM search_index WHERE rowid IN
		(SELECT id FROM search_docs WHERE ref = {:ref} AND lang = {:lang})`).
		Bind(dbx.Params{"ref": ref, "lang": lang}).Execute()
	if err != nil {
		return err
	}
	_, err = db.NewQuery("DELETE FROM search_docs WHERE ref = {:ref} AND lang = {:lang}").
		Bind(dbx.Params{"ref": ref, "lang": lang}).Execute()
	return err
}

// RemoveKind takes every document of one kind out of the index, so the
// domain that owns them can put them back, e.g. when the languages change.
func RemoveKind(db dbx.Builder, kind string) error {
	_, err := db.NewQuery(`DELETE FROM search_docs WHERE id IN
		(SELECT rowid FROM search_index WHERE kind = {:kind})`).Bind(dbx.Params{"kind": kind}).Execute()
	if err != nil {
		return fmt.Errorf("unindex %ss: %w", kind, err)
	}
	_, err = db.NewQuery("DELETE FROM search_index WHERE kind = {:kind}").Bind(dbx.Params{"kind": kind}).Execute()
	if err != nil {
		return fmt.Errorf("unindex %ss: %w", kind, err)
	}
	return nil
}
