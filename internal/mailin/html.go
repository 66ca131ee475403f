package mailin

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// htmlToText turns an HTML body into plain text the way a mail client shows
// it as text: blocks on their own lines, list items with dashes, quoted
// history (blockquote) with "> " before each line, and a signature block
// after "-- ", so stripQuotes treats HTML and plain mail alike.
func htmlToText(src string) string {
	z := html.NewTokenizer(strings.NewReader(src))
	w := &textWriter{}
	hidden, pre := 0, 0
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return w.String()
		case html.TextToken:
			if hidden == 0 {
				w.text(string(z.Text()), pre > 0)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			a := atom.Lookup(name)
			switch {
			case a == atom.Script || a == atom.Style || a == atom.Head || a == atom.Title:
				if tt == html.StartTagToken {
					hidden++
				}
			case a == atom.Br:
				w.newline()
			case a == atom.Blockquote:
				w.newline()
				w.quote++
			case a == atom.Pre:
				pre++
				w.newline()
			case a == atom.Li:
				w.newline()
				w.text("- ", true)
			case a == atom.P || isHeading(a):
				w.paragraph()
			case blocks[a]:
				w.newline()
			}
			if hasAttr && isSignature(z) {
				w.paragraph()
				w.text("-- ", true)
				w.newline()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch a := atom.Lookup(name); {
			case a == atom.Script || a == atom.Style || a == atom.Head || a == atom.Title:
				hidden = max(hidden-1, 0)
			case a == atom.Blockquote:
				w.newline()
				w.quote = max(w.quote-1, 0)
			case a == atom.Pre:
				pre = max(pre-1, 0)
				w.newline()
			case a == atom.P || isHeading(a):
				w.paragraph()
			case blocks[a]:
				w.newline()
			}
		}
	}
}

var blocks = map[atom.Atom]bool{
	atom.Div: true, atom.Tr: true, atom.Table: true, atom.Ul: true, atom.Ol: true, atom.Hr: true,
	atom.Section: true, atom.Article: true, atom.Header: true, atom.Footer: true, atom.Dd: true, atom.Dt: true,
	atom.Address: true, atom.Center: true,
}

func isHeading(a atom.Atom) bool {
	return a == atom.H1 || a == atom.H2 || a == atom.H3 || a == atom.H4 || a == atom.H5 || a == atom.H6
}

// isSignature reports whether the current tag is a mail client's signature
// block (Gmail, Thunderbird, Outlook on the web).
func isSignature(z *html.Tokenizer) bool {
	for {
		k, v, more := z.TagAttr()
		key := string(k)
		if key == "class" || key == "id" {
			for _, c := range strings.Fields(string(v)) {
				switch c {
				case "gmail_signature", "moz-signature", "Signature", "signature":
					return true
				}
			}
		}
		if !more {
			return false
		}
	}
}

// textWriter builds text line by line, collapsing HTML white space.
type textWriter struct {
	lines []string
	cur   strings.Builder // the current line, without its quote prefix
	quote int             // blockquote depth: "> " per level
	space bool            // white space seen since the last word
}

func (w *textWriter) text(s string, keepSpace bool) {
	if keepSpace {
		for i, line := range strings.Split(s, "\n") {
			if i > 0 {
				w.endLine(true)
			}
			w.cur.WriteString(line)
		}
		return
	}
	words := strings.Fields(s)
	if len(words) == 0 {
		w.space = w.space || s != ""
		return
	}
	if w.cur.Len() > 0 && !strings.HasSuffix(w.cur.String(), " ") && (w.space || isSpace(s[0])) {
		w.cur.WriteByte(' ')
	}
	w.cur.WriteString(strings.Join(words, " "))
	w.space = isSpace(s[len(s)-1])
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// endLine finishes the current line; an empty one only when keepEmpty.
func (w *textWriter) endLine(keepEmpty bool) {
	line := strings.TrimRight(w.cur.String(), " ")
	w.cur.Reset()
	w.space = false
	if line == "" && !keepEmpty {
		return
	}
	w.lines = append(w.lines, strings.Repeat("> ", w.quote)+line)
}

func (w *textWriter) newline() { w.endLine(false) }

// paragraph ends the line and leaves one blank line.
func (w *textWriter) paragraph() {
	w.endLine(false)
	if n := len(w.lines); n > 0 && strings.TrimSpace(strings.ReplaceAll(w.lines[n-1], ">", "")) != "" {
		w.lines = append(w.lines, strings.TrimSpace(strings.Repeat("> ", w.quote)))
	}
}

func (w *textWriter) String() string {
	w.endLine(false)
	for i, l := range w.lines {
		w.lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Trim(strings.Join(w.lines, "\n"), "\n")
}
