package kb

import (
	"errors"
	"strings"
	"testing"
)

func TestParseDoc(t *testing.T) {
	t.Parallel()
	doc, err := ParseDoc([]byte("---\ntitle: Bulk pickup\nsummary: Big things.\nservice: bulk-pickup\ntags: [sofa, fridge]\nupdated: 2026-03-02\ntranslation_key: bulk\n---\n\nBody text.\n"))
	if err != nil {
		t.Fatal(err)
	}
	if doc.Title != "Bulk pickup" || doc.Service != "bulk-pickup" || len(doc.Tags) != 2 || doc.TranslationKey != "bulk" || doc.Body != "Body text.\n" {
		t.Errorf("unexpected doc: %+v", doc)
	}
	again, err := doc.Encode()
	if err != nil {
		t.Fatal(err)
	}
	doc2, err := ParseDoc(again)
	if err != nil {
		t.Fatalf("re-parse own output: %v\n%s", err, again)
	}
	if doc2.Title != doc.Title || doc2.Updated != doc.Updated || strings.Join(doc2.Tags, ",") != "sofa,fridge" {
		t.Errorf("round trip changed the doc: %+v", doc2)
	}
}

func TestParseDocErrorsHaveLines(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"no front matter", "# Title\n", 1, "must start"},
		{"not closed", "---\ntitle: x\n", 1, "not closed"},
		{"bad yaml", "---\ntitle: x\n  bad: indent\n---\n", 3, "mapping values"},
		{"unknown key", "---\ntitle: x\ncolour: blue\n---\n", 3, "colour"},
		{"no title", "---\nsummary: x\n---\n", 1, "title"},
		{"bad date", "---\ntitle: x\nupdated: soon\n---\n", 1, "updated"},
		{"bad service", "---\ntitle: x\nservice: Pot Hole\n---\n", 1, "service"},
		{"not utf-8", "---\ntitle: \xff\n---\n", 1, "UTF-8"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := ParseDoc([]byte(c.src))
			var le *LineError
			if !errors.As(err, &le) {
				t.Fatalf("want a LineError, got %v", err)
			}
			if le.Line != c.line || !strings.Contains(le.Msg, c.msg) {
				t.Errorf("got line %d %q, want line %d containing %q", le.Line, le.Msg, c.line, c.msg)
			}
		})
	}
}

func FuzzParseDoc(f *testing.F) {
	f.Add([]byte("---\ntitle: x\n---\nbody"))
	f.Add([]byte("---\n---\n"))
	f.Add([]byte("---\ntitle: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseDoc(data)
		if err == nil && doc.Title == "" {
			t.Fatal("accepted a doc without a title")
		}
	})
}
