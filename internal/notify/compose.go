package notify

import (
	"bytes"
	"html/template"
	"strings"
)

// Letter is an email in the town's plain house style: the same content as
// a text part and an HTML part, so every mail client shows it well. The
// request emails use its paragraphs and details; the digests, alerts and
// email acknowledgements add sections of linked items.
type Letter struct {
	Lang        string
	Town        string // the town's name in Lang
	Greeting    string
	Paragraphs  []string
	Details     [][2]string // label and value rows, e.g. request number
	Action      *Link       // one main button, if any
	Sections    []Section
	Footer      string // why the reader gets this email
	Unsubscribe *Link  // under the footer: one click stops these emails
}

// Link is a labelled address.
type Link struct{ Label, URL string }

// Section is a heading and its items; More says what was left out.
type Section struct {
	Title string
	Items []Item
	More  string
}

// Item is one line of a section, with an optional note under it and link.
type Item struct {
	Text, Note, URL string
}

var letterHTML = template.Must(template.New("letter").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Town}}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;background:#fff">
<p style="margin:0 0 16px;font-size:20px;font-weight:bold;color:#1d4f6e">{{.Town}}</p>
{{with .Greeting}}<p>{{.}}</p>{{end}}
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{if .Details}}<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">
{{range .Details}}<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0">{{index . 0}}</th><td style="padding:4px 0">{{index . 1}}</td></tr>
{{end}}</table>{{end}}{{with .Action}}<p><a href="{{.URL}}" style="display:inline-block;padding:10px 16px;background:#00703c;color:#fff;font-weight:bold;text-decoration:none">{{.Label}}</a></p>
<p style="font-size:14px;color:#505a5f">{{.URL}}</p>
{{end}}{{range .Sections}}<h2 style="font-size:18px;margin:24px 0 8px">{{.Title}}</h2>
<ul style="margin:0 0 16px;padding-left:20px">
{{range .Items}}<li style="margin:0 0 8px">{{if .URL}}<a href="{{.URL}}" style="color:#1d70b8">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{with .Note}}<br><span style="color:#505a5f">{{.}}</span>{{end}}</li>
{{end}}</ul>{{with .More}}<p style="color:#505a5f">{{.}}</p>{{end}}
{{end}}{{if or .Footer .Unsubscribe}}<hr style="border:0;border-top:1px solid #b1b4b6;margin:24px 0 8px">{{end}}
{{with .Footer}}<p style="font-size:14px;color:#505a5f">{{.}}</p>{{end}}
{{with .Unsubscribe}}<p style="font-size:14px"><a href="{{.URL}}" style="color:#1d70b8">{{.Label}}</a></p>{{end}}
</body></html>
`))

// Render returns the text and HTML parts. Everything in the letter is text:
// it is escaped in the HTML part, so nothing a resident typed can inject.
func (l Letter) Render() (text, html string, err error) {
	var t strings.Builder
	t.WriteString(l.Town + "\n\n")
	if l.Greeting != "" {
		t.WriteString(l.Greeting + "\n\n")
	}
	for _, p := range l.Paragraphs {
		t.WriteString(p + "\n\n")
	}
	for _, d := range l.Details {
		t.WriteString(d[0] + ": " + d[1] + "\n")
	}
	if len(l.Details) > 0 {
		t.WriteString("\n")
	}
	if l.Action != nil {
		t.WriteString(l.Action.Label + ":\n" + l.Action.URL + "\n\n")
	}
	for _, s := range l.Sections {
		t.WriteString(s.Title + "\n" + strings.Repeat("=", min(len([]rune(s.Title)), 60)) + "\n\n")
		for _, it := range s.Items {
			t.WriteString("- " + it.Text + "\n")
			if it.Note != "" {
				t.WriteString("  " + it.Note + "\n")
			}
			if it.URL != "" {
				t.WriteString("  " + it.URL + "\n")
			}
		}
		if s.More != "" {
			t.WriteString(s.More + "\n")
		}
		t.WriteString("\n")
	}
	if l.Footer != "" || l.Unsubscribe != nil {
		t.WriteString("-- \n")
	}
	if l.Footer != "" {
		t.WriteString(l.Footer + "\n")
	}
	if l.Unsubscribe != nil {
		t.WriteString(l.Unsubscribe.Label + ":\n" + l.Unsubscribe.URL + "\n")
	}
	var h bytes.Buffer
	if err := letterHTML.Execute(&h, l); err != nil {
		return "", "", err
	}
	return t.String(), h.String(), nil
}
