package kb

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// FileError is a file that could not be imported, and why.
type FileError struct {
	File string
	Line int
	Msg  string
}

func (e FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// Report says what an import did, file by file.
type Report struct {
	Created, Updated, Unchanged []string
	Errors                      []FileError
}

var (
	langDir = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z]{2})?$`)
	slugRe  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
)

// Import reads <lang>/<section>/<slug>.md files from fsys and upserts them as
// published pages by language and slug. Each file is its own transaction: a
// bad file is reported and skipped, and never leaves a page half-written.
// Every created or changed page gets a revision by author. Symbolic links
// are skipped and reported: give Import an fs.FS that cannot leave its
// folder (os.Root's) so a link swapped in while it runs cannot be read.
func Import(app core.App, fsys fs.FS, author string) (*Report, error) {
	rep := &Report{}
	services, err := serviceIDs(app)
	if err != nil {
		return nil, err
	}
	err = fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			rep.Errors = append(rep.Errors, FileError{File: name, Msg: err.Error()})
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A link can lead anywhere, e.g. to a private file outside the
			// folder: only real files are published.
			rep.Errors = append(rep.Errors, FileError{File: name, Msg: "a symbolic link: only real files are imported"})
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(name, ".md") {
			return nil
		}
		action, ferr := importFile(app, fsys, name, services, author)
		switch {
		case ferr != nil:
			rep.Errors = append(rep.Errors, *ferr)
		case action == "created":
			rep.Created = append(rep.Created, name)
		case action == "updated":
			rep.Updated = append(rep.Updated, name)
		default:
			rep.Unchanged = append(rep.Unchanged, name)
		}
		return nil
	})
	return rep, err
}

func importFile(app core.App, fsys fs.FS, name string, services map[string]string, author string) (string, *FileError) {
	parts := strings.Split(name, "/")
	if len(parts) != 3 || !langDir.MatchString(parts[0]) || !slugRe.MatchString(parts[1]) {
		return "", &FileError{File: name, Msg: "expected <language>/<section>/<slug>.md, e.g. en/waste/bulk-item-pickup.md"}
	}
	lang, section, slug := parts[0], parts[1], strings.TrimSuffix(parts[2], ".md")
	if !slugRe.MatchString(slug) {
		return "", &FileError{File: name, Msg: "the file name must be lowercase letters, digits and hyphens"}
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return "", &FileError{File: name, Msg: err.Error()}
	}
	doc, err := ParseDoc(data)
	if err != nil {
		var le *LineError
		if errors.As(err, &le) {
			return "", &FileError{File: name, Line: le.Line, Msg: le.Msg}
		}
		return "", &FileError{File: name, Msg: err.Error()}
	}
	serviceID := ""
	if doc.Service != "" {
		if serviceID = services[doc.Service]; serviceID == "" {
			return "", &FileError{File: name, Line: 1, Msg: fmt.Sprintf("no service has the code %q", doc.Service)}
		}
	}
	var action string
	err = app.RunInTransaction(func(tx core.App) error {
		var err error
		action, err = upsert(tx, lang, section, slug, doc, serviceID, author)
		return err
	})
	if err != nil {
		return "", &FileError{File: name, Msg: err.Error()}
	}
	return action, nil
}

func upsert(tx core.App, lang, section, slug string, doc *Doc, serviceID, author string) (string, error) {
	rec, err := tx.FindFirstRecordByFilter("pages", "language = {:lang} && slug = {:slug}", dbx.Params{"lang": lang, "slug": slug})
	action := "updated"
	if err != nil {
		col, err := tx.FindCollectionByNameOrId("pages")
		if err != nil {
			return "", err
		}
		rec = core.NewRecord(col)
		action = "created"
	}
	key := doc.TranslationKey
	if key == "" {
		key = slug
	}
	tags := doc.Tags
	if tags == nil {
		tags = []string{}
	}
	var revised any = ""
	if t, _ := doc.UpdatedTime(); !t.IsZero() {
		revised, _ = types.ParseDateTime(t)
	}
	want := map[string]any{
		"language": lang, "slug": slug, "section": section, "title": doc.Title, "summary": doc.Summary,
		"answer": strings.TrimSpace(doc.Answer), "body": strings.TrimSpace(doc.Body), "service": serviceID, "tags": tags,
		"facility": doc.Facility, "program": doc.Program,
		"translation_key": key, "published": true, "revised": revised,
	}
	if action == "updated" && sameContent(rec, want) {
		return "unchanged", nil
	}
	rec.Load(want)
	if err := tx.Save(rec); err != nil {
		return "", err
	}
	return action, recordRevision(tx, rec, author, "import")
}

// sameContent reports whether rec already holds want, so re-importing the
// same files writes nothing.
func sameContent(rec *core.Record, want map[string]any) bool {
	for k, v := range want {
		switch v := v.(type) {
		case []string:
			var have []string
			_ = rec.UnmarshalJSONField(k, &have)
			if len(have) == 0 && len(v) == 0 {
				continue
			}
			if !slices.Equal(have, v) {
				return false
			}
		case bool:
			if rec.GetBool(k) != v {
				return false
			}
		case types.DateTime:
			if !rec.GetDateTime(k).Time().Equal(v.Time()) {
				return false
			}
		default:
			if rec.GetString(k) != fmt.Sprint(v) {
				return false
			}
		}
	}
	return true
}

// recordRevision stores the page as it now is, as a new published revision.
func recordRevision(tx core.App, page *core.Record, author, note string) error {
	_, err := saveRevision(tx, page, ContentOf(page), StatusPublished, Author{Name: author}, note, "", "")
	return err
}

func serviceIDs(app core.App) (map[string]string, error) {
	recs, err := app.FindAllRecords("services")
	if err != nil {
		return nil, fmt.Errorf("load services: %w", err)
	}
	m := make(map[string]string, len(recs))
	for _, r := range recs {
		m[r.GetString("code")] = r.Id
	}
	return m, nil
}

// Export writes every published page as dir/<lang>/<section>/<slug>.md, in
// the form Import reads, and returns the files written. Files hold what the
// site shows: drafts and changes waiting for approval stay in the database
// (Import publishes what it reads, so exporting them would publish them).
func Export(app core.App, dir string) ([]string, error) {
	recs, err := app.FindRecordsByFilter("pages", "published = true", "language,section,slug", 0, 0)
	if err != nil {
		return nil, fmt.Errorf("load pages: %w", err)
	}
	codes := map[string]string{}
	services, err := serviceIDs(app)
	if err != nil {
		return nil, err
	}
	for code, id := range services {
		codes[id] = code
	}
	var written []string
	for _, r := range recs {
		doc := &Doc{
			Title: r.GetString("title"), Summary: r.GetString("summary"), Answer: r.GetString("answer"), Service: codes[r.GetString("service")],
			Facility: r.GetString("facility"), Program: r.GetString("program"),
			TranslationKey: r.GetString("translation_key"), Body: r.GetString("body"),
		}
		_ = r.UnmarshalJSONField("tags", &doc.Tags)
		if t := r.GetDateTime("revised"); !t.IsZero() {
			doc.Updated = t.Time().Format("2006-01-02")
		}
		if doc.TranslationKey == r.GetString("slug") {
			doc.TranslationKey = ""
		}
		data, err := doc.Encode()
		if err != nil {
			return written, fmt.Errorf("encode %s: %w", r.GetString("slug"), err)
		}
		rel := path.Join(r.GetString("language"), r.GetString("section"), r.GetString("slug")+".md")
		file := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return written, err
		}
		if err := os.WriteFile(file, data, 0o644); err != nil {
			return written, err
		}
		written = append(written, rel)
	}
	return written, nil
}
