package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// A volunteer edits a page without JavaScript: preview, save a draft,
// publish, see it on the site and in search, read the history, compare,
// and roll back.
func TestEditorWorkflowWithoutJavaScript(t *testing.T) {
	s := newSite(t)
	id := s.et.ids["en/bulk-item-pickup"]
	editor := "/en/editor/pages/" + id
	article := "/en/help/waste/bulk-item-pickup"

	page := s.get("ana", editor)
	if page.Status != 200 {
		t.Fatalf("editor: %d", page.Status)
	}
	wantIn(t, "editor", page.Body, `<textarea id="f-body" name="body"`, "## What counts as a bulk item", `name="base" value="`,
		`<option value="waste" selected>Trash and recycling</option>`, `selected>Bulk item pickup`, `href="/en/editor/guide"`,
		`<button type="submit" name="action" value="publish">Publish</button>`, `<script src="/static/editor.`, `.js" defer></script>`)
	f := form(page.Body)
	if f.Get("tags") != "bulk, furniture, mattress, appliances, junk, pickup" || f.Get("slug") != "bulk-item-pickup" {
		t.Fatalf("form fields: %v", f)
	}

	// Preview: rendered by the site's renderer, links that lead nowhere
	// flagged, the text kept as typed.
	f.Set("body", "Sofas go out on **Wednesdays**. See [the fees](/en/help/waste/no-such-page).")
	f.Set("action", "preview")
	pv := s.post("ana", editor, f, nil)
	wantIn(t, "preview", pv.Body, `<section id="preview" class="editor-preview" aria-labelledby="preview-title">`,
		"<strong>Wednesdays</strong>", "This link leads to a page that does not exist", "<code>/en/help/waste/no-such-page</code>",
		"Sofas go out on **Wednesdays**. See [the fees](/en/help/waste/no-such-page).</textarea>")

	// Publishing with the broken link is refused, beside the text.
	f.Set("action", "publish")
	bad := s.post("ana", editor, f, nil)
	if bad.Status != 422 {
		t.Fatalf("publish with a broken link: %d", bad.Status)
	}
	wantIn(t, "refused publish", bad.Body, `href="#f-body"`, "Publishing stopped: this link leads to a page that does not exist: /en/help/waste/no-such-page",
		"Sofas go out on **Wednesdays**")

	// A draft is saved, the site is unchanged.
	f.Set("body", "Sofas go out on **Wednesdays**. Zanzibar rules apply.")
	f.Set("action", "draft")
	if r := s.post("ana", editor, f, nil); r.Status != 303 || r.Location != editor {
		t.Fatalf("draft: %d %s", r.Status, r.Location)
	}
	wantNotIn(t, "article after a draft", s.get("", article).Body, "Zanzibar")
	again := s.get("ana", editor)
	wantIn(t, "editor with a draft", again.Body, "You are continuing the draft Ana saved", "Zanzibar rules apply.</textarea>")

	// Publish: on the site and in search at once.
	f = form(again.Body)
	f.Set("note", "Pickup day")
	f.Set("action", "publish")
	r := s.post("ben", editor, f, nil)
	if r.Status != 303 || r.Location != article {
		t.Fatalf("publish: %d %s\n%s", r.Status, r.Location, excerpt(r.Body))
	}
	wantIn(t, "article after publishing", s.get("", article).Body, "Zanzibar rules apply")
	wantIn(t, "search after publishing", s.get("", "/en/search?q=zanzibar").Body, article)

	// History: who, when, what; compare any two; roll back.
	hist := s.get("ana", editor+"/history")
	wantIn(t, "history", hist.Body, "<td>import</td>", "<td>Ana</td>", "<td>Ben</td>", "Pickup day", "Draft", "Published")
	revs := regexp.MustCompile(`name="from" value="([a-z0-9]+)"`).FindAllStringSubmatch(hist.Body, -1)
	if len(revs) != 3 {
		t.Fatalf("history lists %d versions, want 3 (import, draft, published)", len(revs))
	}
	newest, imported := revs[0][1], revs[2][1]
	cmp := s.get("ana", editor+"/compare?from="+imported+"&to="+newest)
	wantIn(t, "compare", cmp.Body, `<ol class="diff">`, `<span class="visually-hidden">Removed: </span><del>`,
		`<span class="visually-hidden">Added: </span><ins>`, "Sofas go out on **Wednesdays**. Zanzibar rules apply.")
	old := s.get("ana", editor+"/revisions/"+imported)
	wantIn(t, "old version", old.Body, "Roll back to this version", "What counts as a bulk item")
	back := s.post("ana", editor+"/revisions/"+imported+"/restore", form(old.Body), nil)
	if back.Status != 303 || back.Location != article {
		t.Fatalf("roll back: %d %s\n%s", back.Status, back.Location, back.Body)
	}
	site := s.get("", article).Body
	wantIn(t, "article after rolling back", site, "What counts as a bulk item")
	wantNotIn(t, "article after rolling back", site, "Zanzibar")
	if n := strings.Count(s.get("ana", editor+"/history").Body, `name="from"`); n != 4 {
		t.Errorf("history has %d versions after rolling back, want 4: a roll back adds one", n)
	}
	// Rolling back with a stale page is refused, not applied.
	stale := s.post("ana", editor+"/revisions/"+newest+"/restore", form(old.Body), nil)
	if stale.Status != 303 || !strings.HasSuffix(stale.Location, "/history") {
		t.Errorf("stale roll back: %d %s", stale.Status, stale.Location)
	}
}

// Two editors on one page: the second to save sees a conflict page with
// both versions, and nothing is overwritten until they choose to.
func TestEditorConflict(t *testing.T) {
	s := newSite(t)
	id := s.et.ids["en/dog-licences"]
	editor := "/en/editor/pages/" + id
	mine := form(s.get("ana", editor).Body)
	theirs := form(s.get("ben", editor).Body)

	theirs.Set("body", "Ben's text about licences.")
	theirs.Set("action", "publish")
	if r := s.post("ben", editor, theirs, nil); r.Status != 303 {
		t.Fatalf("Ben publishes: %d\n%s", r.Status, excerpt(r.Body))
	}
	mine.Set("body", "Ana's text about licences.")
	mine.Set("title", "Dog licences and tags")
	mine.Set("action", "draft")
	c := s.post("ana", editor, mine, nil)
	if c.Status != http.StatusConflict {
		t.Fatalf("conflict: %d\n%s", c.Status, excerpt(c.Body))
	}
	wantIn(t, "conflict page", c.Body, "Someone else saved this page while you were editing", "Ben saved it on",
		"Ana&#39;s text about licences.</textarea>", "Ben&#39;s text about licences.", "<td>Dog licences</td><td>Dog licences and tags</td>",
		`<del><mark>Ben</mark>`, `<ins><mark>Ana</mark>`, "drop your changes and open their version")
	if p, _ := s.app.FindRecordById("pages", id); !strings.Contains(p.GetString("body"), "Ben's text") {
		t.Fatal("the conflict overwrote Ben's page")
	}
	// Having seen both, Ana saves: the form now carries Ben's version as base.
	again := form(c.Body)
	if again.Get("base") == mine.Get("base") {
		t.Fatal("the conflict page kept the old base")
	}
	again.Set("action", "draft")
	if r := s.post("ana", editor, again, nil); r.Status != 303 {
		t.Fatalf("save after the conflict: %d\n%s", r.Status, excerpt(r.Body))
	}
}

// The workspace shows what needs translating; starting a translation opens
// the source beside the new page; a later change of the source shows.
func TestTranslationsInTheWorkspace(t *testing.T) {
	s := newSite(t)
	nf := url.Values{"language": {"en"}, "title": {"Leaf collection"}, "section": {"waste"}, "summary": {"Bag your leaves."},
		"body": {"Leaves are collected in **October**."}, "action": {"publish"}}
	r := s.post("ana", "/en/editor/new", nf, nil)
	if r.Status != 303 || r.Location != "/en/help/waste/leaf-collection" {
		t.Fatalf("new page: %d %s\n%s", r.Status, r.Location, excerpt(r.Body))
	}
	leaf, err := s.app.FindFirstRecordByData("pages", "slug", "leaf-collection")
	if err != nil {
		t.Fatal(err)
	}
	ws := s.get("ben", "/es/editor?language=es")
	start := "/es/editor/new?from=" + leaf.Id + "&amp;language=es"
	wantIn(t, "workspace", ws.Body, "Traducciones pendientes", "Español: 1 página no tiene versión en este idioma", start)

	tr := s.get("ben", strings.ReplaceAll(start, "&amp;", "&"))
	wantIn(t, "new translation", tr.Body, "Página original (English)", "<details open>", "Leaves are collected in **October**.</textarea>",
		`<option value="es" lang="es" selected>Español</option>`, `name="key" value="leaf-collection"`)
	f := form(tr.Body)
	f.Set("title", "Recogida de hojas")
	f.Set("body", "Las hojas se recogen en **octubre**.")
	f.Set("action", "publish")
	if r := s.post("ben", "/es/editor/new", f, nil); r.Status != 303 || r.Location != "/es/help/waste/recogida-de-hojas" {
		t.Fatalf("translation: %d %s\n%s", r.Status, r.Location, excerpt(r.Body))
	}
	wantIn(t, "article in Spanish", s.get("", "/es/help/waste/recogida-de-hojas").Body,
		`<strong>octubre</strong>`, `hreflang="en" href="http://localhost:8090/en/help/waste/leaf-collection"`)
	wantNotIn(t, "workspace after translating", s.get("ben", "/es/editor?language=es").Body, "Traducciones pendientes")

	// The source changes: the translation is now older than its source.
	src := form(s.get("ana", "/en/editor/pages/"+leaf.Id).Body)
	src.Set("body", "Leaves are collected in **October and November**.")
	src.Set("action", "publish")
	if r := s.post("ana", "/en/editor/pages/"+leaf.Id, src, nil); r.Status != 303 {
		t.Fatalf("source change: %d", r.Status)
	}
	ws = s.get("ben", "/es/editor?language=es")
	wantIn(t, "workspace after the source changed", ws.Body, "Español: 1 página es anterior a su original", "El original cambió el")
	es, _ := s.app.FindFirstRecordByData("pages", "slug", "recogida-de-hojas")
	ed := s.get("ben", "/es/editor/pages/"+es.Id)
	wantIn(t, "outdated translation", ed.Body, "El original cambió el", "Qué cambió en el original", "<ins>",
		"October and November")
}

// With the town's approval setting on, publishing waits for the clerk, who
// approves in the admin UI (the page_revisions API).
func TestPublishingWithApproval(t *testing.T) {
	s := newSite(t)
	town, _ := s.app.FindRecordById("town", s.et.ids["town"])
	town.Set("kb_approval", true)
	if err := s.app.Save(town); err != nil {
		t.Fatal(err)
	}
	id := s.et.ids["es/recogida-de-objetos-voluminosos"]
	editor := "/es/editor/pages/" + id
	page := s.get("ana", editor)
	wantIn(t, "editor with approval", page.Body, "Enviar para aprobación", "La secretaría municipal aprueba cada cambio")
	f := form(page.Body)
	f.Set("body", "Los muebles se recogen cuando avise la zarigüeya.")
	f.Set("action", "publish")
	r := s.post("ana", editor, f, nil)
	if r.Status != 303 || r.Location != editor {
		t.Fatalf("send for approval: %d %s\n%s", r.Status, r.Location, excerpt(r.Body))
	}
	article := "/es/help/waste/recogida-de-objetos-voluminosos"
	wantNotIn(t, "article before approval", s.get("", article).Body, "zarigüeya")
	wantIn(t, "workspace", s.get("ana", "/es/editor").Body, "Publicada, con un cambio pendiente de aprobación")

	rev, err := s.app.FindFirstRecordByFilter("page_revisions", "status = 'pending'")
	if err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPatch, "/api/collections/page_revisions/records/"+rev.Id, strings.NewReader(`{"status":"published"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", s.et.tokens["su"])
	if a := s.do("", req); a.Status != 200 {
		t.Fatalf("the clerk approves: %d %s", a.Status, a.Body)
	}
	wantIn(t, "article after approval", s.get("", article).Body, "zarigüeya")
	wantIn(t, "search after approval", s.get("", "/es/search?q=zarigueya").Body, article)
}

// Markdown that tries to run something is shown as text on the site, in
// the preview and in search results.
func TestInjectionIsInert(t *testing.T) {
	s := newSite(t)
	editor := "/en/editor/pages/" + s.et.ids["en/dog-licences"]
	f := form(s.get("ana", editor).Body)
	f.Set("body", "Quokka facts. <script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>\n\n"+
		"<iframe src=\"https://evil.example\"></iframe>\n\n[data](data:text/html;base64,PHNjcmlwdD4=)")
	dangerous := []string{"<script>alert", "<iframe", "<img src=x", `<img src="x"`, `href="javascript`, `href="data:`, "onerror=alert(3)>"}

	f.Set("action", "preview")
	wantNotIn(t, "preview", s.post("ana", editor, f, nil).Body, dangerous...)
	frag := s.post("ana", "/en/editor/preview", f, nil)
	wantIn(t, "live preview", frag.Body, "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;iframe")
	wantNotIn(t, "live preview", frag.Body, append(dangerous, "<html")...)

	f.Set("action", "publish")
	if r := s.post("ana", editor, f, nil); r.Status != 303 {
		t.Fatalf("publish: %d\n%s", r.Status, excerpt(r.Body))
	}
	wantIn(t, "article", s.get("", "/en/help/permits/dog-licences").Body, "Quokka facts", "&lt;script&gt;")
	wantNotIn(t, "article", s.get("", "/en/help/permits/dog-licences").Body, dangerous...)
	res := s.get("", "/en/search?q=quokka+alert")
	wantIn(t, "search", res.Body, "/en/help/permits/dog-licences", "<mark>Quokka</mark>")
	wantNotIn(t, "search", res.Body, dangerous...)
}
