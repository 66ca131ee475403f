package markdown

import (
	"regexp"
	"strings"
	"testing"
)

var (
	tagRe       = regexp.MustCompile(`<([a-z0-9]+)([^>]*)>`)
	onAttr      = regexp.MustCompile(`\son[a-z]+\s*=`)
	badURL      = regexp.MustCompile(`(href|src)\s*=\s*"?\s*(javascript|vbscript|data):`)
	allowedTags = map[string]bool{"p": true, "a": true, "strong": true, "em": true, "code": true, "pre": true}
)

func TestRenderIsInert(t *testing.T) {
	t.Parallel()
	cases := map[string]string{
		"script":         "Hello <script>alert(1)</script> there",
		"script block":   "<script>\nalert(1)\n</script>",
		"javascript url": "[click](javascript:alert(1))",
		"onerror":        `<img src=x onerror="alert(1)">`,
		"iframe":         `<iframe src="https://evil.example"></iframe>`,
		"data url":       "[x](data:text/html;base64,PHNjcmlwdD4=)",
		"vbscript":       "[x](vbscript:msgbox)",
		"autolink js":    "<javascript:alert(1)>",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out, err := Render(src)
			if err != nil {
				t.Fatal(err)
			}
			// Escaped text (&lt;script&gt;) is fine: only real tags and
			// attributes can run.
			for _, m := range tagRe.FindAllStringSubmatch(strings.ToLower(out), -1) {
				tag, attrs := m[1], m[2]
				if !allowedTags[tag] {
					t.Errorf("output has a <%s> tag:\n%s", tag, out)
				}
				if onAttr.MatchString(attrs) || badURL.MatchString(attrs) {
					t.Errorf("output has a live attribute %q:\n%s", attrs, out)
				}
			}
		})
	}
}

func TestRenderShowsRawHTMLAsText(t *testing.T) {
	t.Parallel()
	out, err := Render("Use <b>bold</b> like **this**.")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "&lt;b&gt;bold&lt;/b&gt;") || !strings.Contains(out, "<strong>this</strong>") {
		t.Errorf("raw HTML should be escaped and markdown rendered, got %s", out)
	}
}

func TestRenderFeatures(t *testing.T) {
	t.Parallel()
	out, err := Render("## Fees and hours\n\n| Item | Fee |\n|---|---|\n| Sofa | $20 |\n\n\"Quoted\" -- text...")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<h2 id="fees-and-hours">`, "<table>", "<td>Sofa</td>", "&ldquo;Quoted&rdquo;", "&ndash;", "&hellip;"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in:\n%s", want, out)
		}
	}
}

func TestPlainText(t *testing.T) {
	t.Parallel()
	got := PlainText("## Title\n\nSome **bold** and [a link](/x).\n\n- one\n- two\n\n<b>raw</b>")
	for _, want := range []string{"Title", "Some bold and a link.", "one", "two"} {
		if !strings.Contains(got, want) {
			t.Errorf("plain text %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "**") || strings.Contains(got, "](") {
		t.Errorf("plain text keeps markup: %q", got)
	}
}

// The plain text (search snippets) has characters, not the typographer's
// entities: "town's", not "town&rsquo;s".
func TestPlainTextHasNoEntities(t *testing.T) {
	got := PlainText("The town's \"transfer station\" -- open Fish &amp; Chips day...")
	if strings.Contains(got, "&") && !strings.Contains(got, "Fish & Chips") || strings.Contains(got, "&rsquo;") || strings.Contains(got, "&amp;") {
		t.Errorf("entities in the plain text: %q", got)
	}
	if !strings.Contains(got, "town’s") {
		t.Errorf("no apostrophe: %q", got)
	}
}
