package kb_test

import (
	"errors"
	"github.com/townhall/townhall/internal/schema/schematest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/search"
)

var (
	ana  = kb.Author{Name: "Ana"}
	ben  = kb.Author{Name: "Ben"}
	day1 = time.Date(2026, 3, 2, 15, 4, 0, 0, time.UTC)
)

// editorApp is newApp with the approval hook, as the site registers it.
func editorApp(t testing.TB, dir string) *tests.TestApp {
	app := newApp(t, dir)
	kb.RegisterApproval(app, func() time.Time { return day1 })
	return app
}

// sharedApp is one editorApp with testdata/search for the editor tests,
// which each write their own pages: a database per test is slow under -race
// on a busy machine. It lives until the test binary ends.
func sharedApp(t testing.TB) *tests.TestApp {
	t.Helper()
	return schematest.Shared(t, "kb-editor", func(app *tests.TestApp) error {
		kb.Register(app, clock.Real)
		kb.RegisterApproval(app, func() time.Time { return day1 })
		_, err := kb.Import(app, os.DirFS("testdata/search"), "import")
		return err
	})
}

// published creates a published page of its own for a test.
func published(t testing.TB, app core.App, lang, slug, body string, tags ...string) *core.Record {
	t.Helper()
	p, _, err := kb.Save(app, kb.Edit{Lang: lang, Content: kb.Content{Title: "Page " + slug, Slug: slug, Section: "waste", Body: body, Tags: tags},
		Publish: true, Author: ana, Today: day1, DefaultLang: "en"})
	if err != nil {
		t.Fatalf("create %s/%s: %v", lang, slug, err)
	}
	return p
}

func page(t testing.TB, app core.App, lang, slug string) *core.Record {
	t.Helper()
	r, err := app.FindFirstRecordByFilter("pages", "language = {:l} && slug = {:s}", dbx.Params{"l": lang, "s": slug})
	if err != nil {
		t.Fatalf("page %s/%s: %v", lang, slug, err)
	}
	return r
}

// open is what the editor form carries: the page's content and the base.
func open(t testing.TB, app core.App, p *core.Record) kb.Edit {
	t.Helper()
	head, err := kb.Head(app, p)
	if err != nil {
		t.Fatal(err)
	}
	e := kb.Edit{PageID: p.Id, Content: kb.ContentOf(p), BaseVersion: p.GetInt("version"), Today: day1, DefaultLang: "en"}
	if head != nil {
		e.Base = head.ID
		if !head.Live() {
			e.Content = head.Content
		}
	}
	return e
}

func TestDraftLeavesTheSiteAndPublishChangesIt(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	trash := published(t, app, "en", "ed-trash", "Trash is picked up every week.")
	e := open(t, app, trash)
	e.Body = "Trash is picked up every Tuesday by the lorry."
	e.Author = ana
	if _, rev, err := kb.Save(app, e); err != nil || rev.Status != kb.StatusDraft {
		t.Fatalf("draft: %v %+v", err, rev)
	}
	if p, err := kb.Find(app, "en", "ed-trash"); err != nil || strings.Contains(string(p.HTML), "Tuesday") {
		t.Fatalf("a draft changed the published page (%v)", err)
	}
	if hits := mustSearch(t, app, search.ParseQuery("lorry", "en")); len(hits) != 0 {
		t.Fatal("a draft is in search")
	}

	e = open(t, app, page(t, app, "en", "ed-trash"))
	if e.Body != "Trash is picked up every Tuesday by the lorry." {
		t.Fatalf("the editor does not open the draft: %q", e.Body)
	}
	e.Publish, e.Author, e.Note = true, ben, "Collection day"
	p, rev, err := kb.Save(app, e)
	if err != nil || rev.Status != kb.StatusPublished || rev.AuthorName != "Ben" || rev.Note != "Collection day" {
		t.Fatalf("publish: %v %+v", err, rev)
	}
	if got := p.GetDateTime("revised").Time(); !got.Equal(time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("revised = %v, want the day of publishing", got)
	}
	if live, _ := kb.Find(app, "en", "ed-trash"); !strings.Contains(string(live.HTML), "Tuesday") {
		t.Error("published change is not on the page")
	}
	if hits := mustSearch(t, app, search.ParseQuery("lorry", "en")); len(hits) != 1 {
		t.Error("published change is not in search")
	}
	revs, err := kb.Revisions(app, p)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 3 || revs[0].ID != rev.ID || revs[1].Status != kb.StatusDraft || revs[2].Slug != "ed-trash" {
		t.Errorf("history: %+v", revs)
	}
}

func TestConflictIsRefusedWithBothVersions(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	dog := published(t, app, "en", "ed-dog", "Dogs need a licence.")
	mine := open(t, app, dog)
	theirs := open(t, app, dog)
	theirs.Body, theirs.Author, theirs.Publish = "Their words.", ben, true
	if _, _, err := kb.Save(app, theirs); err != nil {
		t.Fatal(err)
	}
	mine.Body, mine.Author = "My words.", ana
	_, _, err := kb.Save(app, mine)
	var c *kb.ConflictError
	if !errors.As(err, &c) || c.Theirs.Body != "Their words." || c.By != "Ben" {
		t.Fatalf("want a conflict showing Ben's words, got %v", err)
	}
	if revs, _ := kb.Revisions(app, dog); len(revs) != 2 {
		t.Fatalf("a refused save recorded a revision: %d", len(revs))
	}
	// Having seen theirs, the editor may save over it on purpose.
	mine.Base, mine.BaseVersion = c.Head, c.HeadVersion
	if _, _, err := kb.Save(app, mine); err != nil {
		t.Fatalf("save after the conflict: %v", err)
	}
}

func TestChangeInTheAdminUIIsAConflictToo(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	p := published(t, app, "en", "ed-bulk", "Sofas.")
	mine := open(t, app, p)
	p.Set("summary", "Changed by the clerk.")
	if err := app.Save(p); err != nil {
		t.Fatal(err)
	}
	mine.Summary = "Mine"
	_, _, err := kb.Save(app, mine)
	var c *kb.ConflictError
	if !errors.As(err, &c) || c.Theirs.Summary != "Changed by the clerk." {
		t.Fatalf("want a conflict, got %v", err)
	}
}

func TestRollBackIsANewRevision(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	p := published(t, app, "en", "ed-recycling", "Blue bin every other week.", "recycle", "bins")
	first, err := kb.Head(app, p)
	if err != nil {
		t.Fatal(err)
	}
	e := open(t, app, p)
	e.Body, e.Tags, e.Publish, e.Author = "Everything in one bin now.", []string{"single-stream"}, true, ana
	if _, _, err := kb.Save(app, e); err != nil {
		t.Fatal(err)
	}
	back := open(t, app, page(t, app, "en", "ed-recycling"))
	back.Author = ben
	p, rev, err := kb.Restore(app, p.Id, first.ID, back)
	if err != nil {
		t.Fatal(err)
	}
	if rev.RestoredFrom != first.ID || rev.Status != kb.StatusPublished || rev.Body != first.Body {
		t.Errorf("rollback revision: %+v", rev)
	}
	if p.GetString("body") != first.Body || !slices.Equal(kb.ContentOf(p).Tags, []string{"recycle", "bins"}) {
		t.Errorf("page after rollback: %q %v", p.GetString("body"), kb.ContentOf(p).Tags)
	}
	if revs, _ := kb.Revisions(app, p); len(revs) != 3 {
		t.Errorf("%d revisions, want 3: rolling back adds one and removes none", len(revs))
	}
	// A stale rollback is a conflict like any save.
	if _, _, err := kb.Restore(app, p.Id, first.ID, back); !errors.As(err, new(*kb.ConflictError)) {
		t.Errorf("stale rollback: %v", err)
	}
}

func TestBadEditsAreRefusedByField(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	dog := published(t, app, "en", "ed-bad", "Text.")
	cases := []struct {
		name, field, msg string
		edit             func(e *kb.Edit)
	}{
		{"empty title", "title", "editor.error.title_required", func(e *kb.Edit) { e.Title = "  " }},
		{"colliding slug", "slug", "editor.error.slug_taken", func(e *kb.Edit) { e.PageID, e.Lang, e.Slug, e.Base, e.BaseVersion = "", "en", "trash", "", 0 }},
		{"bad slug", "slug", "editor.error.slug_format", func(e *kb.Edit) { e.PageID, e.Lang, e.Slug, e.Base, e.BaseVersion = "", "en", "a--b", "", 0 }},
		{"moved published page", "slug", "editor.error.slug_fixed", func(e *kb.Edit) { e.Slug = "ed-bad-moved" }},
		{"long body", "body", "editor.error.body_too_long", func(e *kb.Edit) { e.Body = strings.Repeat("é", kb.MaxBody+1) }},
		{"bad section", "section", "editor.error.choice", func(e *kb.Edit) { e.Section = "Big Things" }},
		{"unknown service", "service", "editor.error.choice", func(e *kb.Edit) { e.ServiceID = "nope" }},
		{"broken link", "body", "editor.error.broken_links", func(e *kb.Edit) {
			e.Publish = true
			e.Body = "See [bins](/en/help/waste/recycling), [nothing](/en/help/waste/no-such-page) and [gone](no-such-either)."
		}},
	}
	for _, c := range cases {
		e := open(t, app, dog)
		c.edit(&e)
		_, _, err := kb.Save(app, e)
		var v *kb.ValidationError
		if !errors.As(err, &v) || v.For(c.field) == nil || v.For(c.field).Message != c.msg {
			t.Errorf("%s: want %s on %s, got %v", c.name, c.msg, c.field, err)
		}
		if c.name == "broken link" {
			links := v.For("body").Data["Links"].(string)
			if links != "/en/help/waste/no-such-page, no-such-either" {
				t.Errorf("broken links listed: %q", links)
			}
		}
	}
	if revs, _ := kb.Revisions(app, dog); len(revs) != 1 {
		t.Errorf("refused edits recorded %d revisions", len(revs)-1)
	}
}

func TestPublishingWithApproval(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	e := open(t, app, published(t, app, "es", "ed-basura", "La basura se recoge cada semana."))
	e.Body, e.Publish, e.Approval, e.Author = "La basura se recoge los martes.", true, true, ana
	_, pending, err := kb.Save(app, e)
	if err != nil || pending.Status != kb.StatusPending {
		t.Fatalf("send for approval: %v %+v", err, pending)
	}
	if p, err := kb.Find(app, "es", "ed-basura"); err != nil || strings.Contains(string(p.HTML), "martes") {
		t.Fatalf("a change waiting for approval is on the site (%v)", err)
	}
	// The clerk approves it in the admin UI: the status becomes published.
	rec, err := app.FindRecordById("page_revisions", pending.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec.Set("status", kb.StatusPublished)
	if err := app.Save(rec); err != nil {
		t.Fatalf("approve: %v", err)
	}
	if p, _ := kb.Find(app, "es", "ed-basura"); !strings.Contains(string(p.HTML), "martes") {
		t.Error("the approved change is not on the site")
	}
	if hits := mustSearch(t, app, search.ParseQuery("martes", "es")); len(hits) != 1 {
		t.Error("the approved change is not in search")
	}
}

func TestApprovingAnOlderChangeCannotUndoANewerOne(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	e := open(t, app, published(t, app, "es", "ed-reciclaje", "Versión cero."))
	e.Body, e.Publish, e.Approval, e.Author = "Versión uno.", true, true, ana
	_, first, err := kb.Save(app, e)
	if err != nil {
		t.Fatal(err)
	}
	e = open(t, app, page(t, app, "es", "ed-reciclaje"))
	e.Body, e.Publish, e.Author = "Versión dos.", true, ben // published without approval (setting turned off)
	if _, _, err := kb.Save(app, e); err != nil {
		t.Fatal(err)
	}
	rec, err := app.FindRecordById("page_revisions", first.ID)
	if err != nil {
		t.Fatal(err)
	}
	rec.Set("status", kb.StatusPublished)
	if err := app.Save(rec); err == nil || !strings.Contains(err.Error(), "newer version") {
		t.Fatalf("approving the older change: %v", err)
	}
	if p, _ := kb.Find(app, "es", "ed-reciclaje"); !strings.Contains(string(p.HTML), "dos") {
		t.Error("the newer version was undone")
	}
}

func TestNewPageDraftIsNotOnTheSite(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	e := kb.Edit{Lang: "en", Content: kb.Content{Title: "Leaf collection", Section: "waste", Body: "Bag your leaves."},
		Author: ana, Today: day1, DefaultLang: "en"}
	p, rev, err := kb.Save(app, e)
	if err != nil {
		t.Fatal(err)
	}
	if p.GetString("slug") != "leaf-collection" || p.GetString("translation_key") != "leaf-collection" || p.GetBool("published") || rev.Status != kb.StatusDraft {
		t.Fatalf("new draft page: %v", p.PublicExport())
	}
	if _, err := kb.Find(app, "en", "leaf-collection"); err == nil {
		t.Error("a new draft is on the site")
	}
	out := t.TempDir()
	files, _ := kb.Export(app, out)
	if slices.Contains(files, "en/waste/leaf-collection.md") {
		t.Error("a draft was exported (importing it would publish it)")
	}
}

// Pages edited on the site export to files that import back unchanged, and
// an edit made to the files comes back as a revision by "import".
func TestExportAfterWebEditsImportsUnchanged(t *testing.T) {
	t.Parallel()
	app := editorApp(t, "testdata/search")
	dcol, err := app.FindCollectionByNameOrId("departments")
	if err != nil {
		t.Fatal(err)
	}
	dept := core.NewRecord(dcol)
	dept.Load(map[string]any{"name": "Public Works", "slug": "public-works"})
	if err := app.Save(dept); err != nil {
		t.Fatal(err)
	}
	col, err := app.FindCollectionByNameOrId("services")
	if err != nil {
		t.Fatal(err)
	}
	svc := core.NewRecord(col)
	svc.Load(map[string]any{"code": "bulk-pickup", "name": "Bulk pickup", "department": dept.Id, "active": true})
	if err := app.Save(svc); err != nil {
		t.Fatal(err)
	}
	e := open(t, app, page(t, app, "en", "bulk"))
	e.Title, e.Summary = "  Bulk   item pickup ", "Sofas,\r\n fridges: and \"more\"."
	e.Body = "\r\n## Fees\r\n\r\n| Item | Fee |\r\n|---|---|\r\n| Sofa | $20 |\r\n\r\n---\r\n\r\nA café table.  \r\n"
	e.Tags, e.ServiceID, e.Publish, e.Author = []string{" sofa", "fridge ", "sofa", "", "yes", "123"}, svc.Id, true, ana
	if _, _, err := kb.Save(app, e); err != nil {
		t.Fatal(err)
	}
	n := kb.Edit{Lang: "es", TranslationKey: "bulk", Content: kb.Content{Title: "Objetos voluminosos: ¿qué?", Section: "waste",
		Body: "Texto.", Tags: []string{"sofá"}}, Publish: true, Author: ana, Today: day1, DefaultLang: "en"}
	if _, _, err := kb.Save(app, n); err != nil {
		t.Fatal(err)
	}
	before := schematest.Count(t, app, "page_revisions")
	out := t.TempDir()
	if _, err := kb.Export(app, out); err != nil {
		t.Fatal(err)
	}
	rep, err := kb.Import(app, os.DirFS(out), "import")
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Created)+len(rep.Updated)+len(rep.Errors) != 0 || len(rep.Unchanged) != 8 {
		t.Fatalf("re-importing the export changed things: %+v", rep)
	}
	if after := schematest.Count(t, app, "page_revisions"); after != before {
		t.Errorf("an unchanged import recorded %d revisions", after-before)
	}
	file := filepath.Join(out, "es", "waste", "objetos-voluminosos-que.md")
	data, err := os.ReadFile(file)
	if err != nil || !strings.Contains(string(data), "translation_key: bulk") {
		t.Fatalf("exported translation: %v\n%s", err, data)
	}
	os.WriteFile(file, []byte(strings.Replace(string(data), "Texto.", "Texto nuevo.", 1)), 0o644)
	rep, _ = kb.Import(app, os.DirFS(out), "import")
	if !slices.Equal(rep.Updated, []string{"es/waste/objetos-voluminosos-que.md"}) {
		t.Fatalf("edited file: %+v", rep)
	}
	head, err := kb.Head(app, page(t, app, "es", "objetos-voluminosos-que"))
	if err != nil {
		t.Fatal(err)
	}
	if head.AuthorName != "import" || !head.Live() || head.Body != "Texto nuevo." || !slices.Equal(head.Tags, []string{"sofá"}) {
		t.Errorf("import revision: %+v", head)
	}
}

func TestMarkTranslations(t *testing.T) {
	t.Parallel()
	at := func(d int) time.Time { return time.Date(2026, 3, d, 12, 0, 0, 0, time.UTC) }
	pages := []*kb.PageState{
		{ID: "en1", Lang: "en", Key: "trash", Published: true, LiveAt: at(2)},
		{ID: "es1", Lang: "es", Key: "trash", Published: true, LiveAt: at(1)}, // older than its source
		{ID: "en2", Lang: "en", Key: "dogs", Published: true, LiveAt: at(1)},
		{ID: "es2", Lang: "es", Key: "dogs", Published: true, LiveAt: at(5)}, // newer: up to date
		{ID: "en3", Lang: "en", Key: "leaves", Published: true, LiveAt: at(1)},
		{ID: "es4", Lang: "es", Key: "fiesta", Published: true, LiveAt: at(1)}, // no English source
		{ID: "en5", Lang: "en", Key: "snow", Published: true, LiveAt: at(9)},
		{ID: "es5", Lang: "es", Key: "snow", Published: false}, // a translation in progress
	}
	kb.MarkTranslations(pages, []string{"en", "es"}, "en")
	want := map[string]struct {
		missing  string
		outdated bool
		source   string
	}{
		"en1": {"", false, ""}, "es1": {"", true, "en1"},
		"en2": {"", false, ""}, "es2": {"", false, "en2"},
		"en3": {"es", false, ""},
		"es4": {"en", false, ""},
		"en5": {"", false, ""}, "es5": {"", false, "en5"},
	}
	for _, p := range pages {
		w := want[p.ID]
		if strings.Join(p.Missing, ",") != w.missing || p.Outdated != w.outdated || p.SourceID != w.source {
			t.Errorf("%s: missing %v outdated %v source %q; want %+v", p.ID, p.Missing, p.Outdated, p.SourceID, w)
		}
	}
	if !pages[1].SourceChanged.Equal(at(2)) {
		t.Errorf("es1 source changed %v, want %v", pages[1].SourceChanged, at(2))
	}
}

// clockApp is a database of its own with the kb hooks on a fake clock
// showing day1, for tests that compare when pages changed.
func clockApp(t testing.TB) (*tests.TestApp, *clock.Fake) {
	t.Helper()
	app, err := tests.NewTestApp(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(app.Cleanup)
	fake := clock.NewFake(day1)
	kb.Register(app, fake)
	kb.RegisterApproval(app, func() time.Time { return day1 })
	return app, fake
}

func TestWorkspaceFindsOutdatedTranslations(t *testing.T) {
	t.Parallel()
	app, fake := clockApp(t)
	published(t, app, "en", "ed-source", "Trash is picked up every week.")
	published(t, app, "en", "ed-lonely", "No translation yet.")
	es := kb.Edit{Lang: "es", TranslationKey: "ed-source", Content: kb.Content{Title: "Basura semanal", Section: "waste", Body: "Cada semana."},
		Publish: true, Author: ana, Today: day1, DefaultLang: "en"}
	if _, _, err := kb.Save(app, es); err != nil {
		t.Fatal(err)
	}
	states := func() map[string]*kb.PageState {
		all, err := kb.Workspace(app, []string{"en", "es"}, "en")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]*kb.PageState{}
		for _, s := range all {
			m[s.Lang+"/"+s.Slug] = s
		}
		return m
	}
	s := states()
	if s["es/basura-semanal"].Outdated || len(s["en/ed-source"].Missing) != 0 || strings.Join(s["en/ed-lonely"].Missing, ",") != "es" {
		t.Fatalf("before: %+v %+v %+v", s["es/basura-semanal"], s["en/ed-source"], s["en/ed-lonely"])
	}
	changed := fake.Advance(time.Hour)
	e := open(t, app, page(t, app, "en", "ed-source"))
	e.Body, e.Publish, e.Author = "Trash goes out on Tuesdays.", true, ben
	if _, _, err := kb.Save(app, e); err != nil {
		t.Fatal(err)
	}
	s = states()
	tr := s["es/basura-semanal"]
	if !tr.Outdated || tr.SourceID != s["en/ed-source"].ID || !tr.SourceChanged.Equal(changed) || !tr.LiveAt.Equal(day1) {
		t.Errorf("after the source changed at %v: %+v", changed, tr)
	}
	if s["en/ed-source"].Status != kb.StatusPublished || s["en/ed-source"].ChangedBy != "Ben" {
		t.Errorf("source state: %+v", s["en/ed-source"])
	}
	// What changed in the source since it was translated.
	src := page(t, app, "en", "ed-source")
	was, err := kb.LiveRevisionAt(app, src, tr.LiveAt)
	if err != nil || was == nil || !strings.Contains(was.Body, "every week") {
		t.Errorf("source as translated: %+v %v", was, err)
	}
}

func TestMissingLinks(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	body := strings.Join([]string{
		"[ok](/en/help/waste/recycling) [ok frag](/en/help/waste/trash#when) [ok relative](bulk)",
		"[section](/en/help/waste) [no section](/en/help/nowhere) [fallback](/es/help/waste/trash)",
		"[wrong section](/en/help/permits/trash) [outside](https://example.com/help/x) [home](/en/)",
		"[no service](/en/services/nope) [mail](mailto:clerk@example.com) [missing](/en/help/waste/gone)",
	}, "\n\n")
	got := kb.MissingLinks(app, "/en/help/waste/new-page", "en", body)
	want := []string{"/en/help/nowhere", "/en/help/permits/trash", "/en/services/nope", "/en/help/waste/gone"}
	if !slices.Equal(got, want) {
		t.Errorf("missing links %q, want %q", got, want)
	}
}

func TestSlugify(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"Dog licences (2026)":             "dog-licences-2026",
		"  ¿Cómo pago el agua?  ":         "como-pago-el-agua",
		"Año nuevo -- fiesta!":            "ano-nuevo-fiesta",
		"東京":                              "",
		strings.Repeat("word ", 40):       strings.TrimSuffix(strings.Repeat("word-", 24), "-"),
		"Recogida de objetos voluminosos": "recogida-de-objetos-voluminosos",
	} {
		if got := kb.Slugify(in); got != want {
			t.Errorf("Slugify(%q) = %q, want %q", in, got, want)
		}
	}
}

// Markdown that tries to run something is shown as text on the page and in
// search snippets.
func TestInjectionIsInertOnThePageAndInSearch(t *testing.T) {
	t.Parallel()
	app := sharedApp(t)
	e := open(t, app, published(t, app, "en", "ed-injection", "Safe."))
	e.Body = "Zebra rules. <script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(1)> " +
		"<iframe src=\"https://evil.example\"></iframe>\n\n<script>\nalert(2)\n</script>"
	e.Publish, e.Author = true, ana
	if _, _, err := kb.Save(app, e); err != nil {
		t.Fatal(err)
	}
	p, err := kb.Find(app, "en", "ed-injection")
	if err != nil {
		t.Fatal(err)
	}
	hits := mustSearch(t, app, search.ParseQuery("zebra alert", "en"))
	if len(hits) != 1 {
		t.Fatalf("hits %v", hits)
	}
	for where, html := range map[string]string{"page": string(p.HTML), "snippet": string(hits[0].Snippet)} {
		for _, bad := range []string{"<script", "<iframe", "<img", `href="javascript`, "<a href=\"j"} {
			if strings.Contains(strings.ToLower(html), bad) {
				t.Errorf("%s has %q:\n%s", where, bad, html)
			}
		}
	}
	if !strings.Contains(string(p.HTML), "&lt;script&gt;") {
		t.Errorf("the script tag should show as text: %s", p.HTML)
	}
}

// mustSearch runs a search and fails the test on an error, so a broken
// index cannot pass as "no hits".
func mustSearch(t *testing.T, app core.App, q search.Query) []search.Hit {
	t.Helper()
	hits, err := search.Search(app.DB(), q, 5)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	return hits
}
