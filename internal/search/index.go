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
// column. Searches filter by the rowid range of the language (langRange),
// not by this column.
func langToken(lang string) string { return "l" + strings.ReplaceAll(lang, "-", "") }

// slotBits is how many low bits of a document's rowid number it within its
// language: the language's slot is above them (see search_langs).
const slotBits = 40

// Put adds or replaces e in the index.
func Put(db dbx.Builder, e Entry) error {
	slot, err := langSlot(db, e.Lang)
	if err != nil {
		return fmt.Errorf("index %s: %w", e.Path, err)
	}
	// The document's rowid is the next free one in its language's range, so
	// a search of one language reads one range of every term's rowids.
	var id int64
	err = db.NewQuery(`INSERT INTO search_docs (id, ref, lang) VALUES (
			(SELECT coalesce(max(id), {:lo}) + 1 FROM search_docs WHERE id >= {:lo} AND id < {:hi}), {:ref}, {:lang})
		ON CONFLICT (ref, lang) DO UPDATE SET ref = excluded.ref RETURNING id`).
		Bind(dbx.Params{"ref": e.Ref, "lang": e.Lang, "lo": slot << slotBits, "hi": (slot + 1) << slotBits}).Row(&id)
	if err != nil {
		return fmt.Errorf("index %s: %w", e.Path, err)
	}
	if err := unindex(db, id); err != nil {
		return fmt.Errorf("index %s: %w", e.Path, err)
	}
	title, keywords := Terms(e.Title, e.Lang), Terms(e.Summary+"\n"+e.Extra, e.Lang)
	_, err = db.NewQuery(`INSERT INTO search_titles (rowid, title, keywords) VALUES ({:id}, {:title}, {:keywords})`).
		Bind(dbx.Params{"id": id, "title": title, "keywords": keywords}).Execute()
	if err != nil {
		return fmt.Errorf("index %s: %w", e.Path, err)
	}
	_, err = db.NewQuery(`INSERT INTO search_index
		(rowid, lang, title, keywords, body, kind, ref, path, display_title, summary, plain)
		VALUES ({:id}, {:lt}, {:title}, {:keywords}, {:body}, {:kind}, {:ref}, {:path}, {:dt}, {:summary}, {:plain})`).
		Bind(dbx.Params{
			"id": id, "lt": langToken(e.Lang),
			"title": title, "keywords": keywords, "body": Terms(e.Text, e.Lang),
			"kind": e.Kind, "ref": e.Ref, "path": e.Path, "dt": e.Title, "summary": e.Summary, "plain": e.Text,
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
		if err := unindex(db, row.ID); err != nil {
			return fmt.Errorf("unindex %s: %w", ref, err)
		}
	}
	_, err := db.NewQuery("DELETE FROM search_docs WHERE ref = {:ref}").Bind(dbx.Params{"ref": ref}).Execute()
	return err
}

// RemoveLang takes one language of ref out of the index.
func RemoveLang(db dbx.Builder, ref, lang string) error {
	var ids []int64
	err := db.NewQuery("SELECT id FROM search_docs WHERE ref = {:ref} AND lang = {:lang}").
		Bind(dbx.Params{"ref": ref, "lang": lang}).Column(&ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := unindex(db, id); err != nil {
			return err
		}
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
	_, err = db.NewQuery(`DELETE FROM search_titles WHERE rowid IN
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

// unindex takes the document id out of both FTS tables: search_index and
// its titles (search_titles).
func unindex(db dbx.Builder, id int64) error {
	for _, table := range []string{"search_titles", "search_index"} {
		if _, err := db.NewQuery("DELETE FROM " + table + " WHERE rowid = {:id}").Bind(dbx.Params{"id": id}).Execute(); err != nil {
			return err
		}
	}
	return nil
}

// langSlot is lang's slot in search_langs, given it on first use.
func langSlot(db dbx.Builder, lang string) (int64, error) {
	if lo, _, ok, err := langRange(db, lang); ok || err != nil {
		return lo >> slotBits, err
	}
	var slot int64
	err := db.NewQuery(`INSERT INTO search_langs (lang, slot)
		VALUES ({:lang}, (SELECT coalesce(max(slot), 0) + 1 FROM search_langs))
		ON CONFLICT (lang) DO UPDATE SET lang = excluded.lang RETURNING slot`).
		Bind(dbx.Params{"lang": lang}).Row(&slot)
	if err != nil {
		return 0, fmt.Errorf("language %s: %w", lang, err)
	}
	return slot, nil
}

// langRange is the range of rowids of lang's documents, [lo, hi); ok is
// false when no document was ever indexed in lang.
func langRange(db dbx.Builder, lang string) (lo, hi int64, ok bool, err error) {
	var slots []int64
	err = db.NewQuery("SELECT slot FROM search_langs WHERE lang = {:lang}").Bind(dbx.Params{"lang": lang}).Column(&slots)
	if err != nil || len(slots) == 0 {
		return 0, 0, false, err
	}
	return slots[0] << slotBits, (slots[0] + 1) << slotBits, true, nil
}
