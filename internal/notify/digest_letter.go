package notify

import (
	"bytes"
	"html/template"
	"strings"
)

// Bulletin is a Letter with sections of linked items, in the same house
// style: the digests, the critical alerts and the acknowledgement of a
// request sent by email.
type Bulletin struct {
	Letter
	Sections    []Section
	Unsubscribe *Link // under the footer: one click stops these emails
}

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

var bulletinHTML = template.Must(template.New("bulletin").Parse(`<!doctype html>
<html lang="{{.Lang}}"><head><meta charset="utf-8"><title>{{.Town}}</title></head>
<body style="margin:0;padding:24px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;background:#fff">
<p style="margin:0 0 16px;font-size:20px;font-weight:bold;color:#1d4f6e">{{.Town}}</p>
{{with .Greeting}}<p>{{.}}</p>{{end}}
{{range .Paragraphs}}<p>{{.}}</p>
{{end}}{{if .Details}}<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">
{{range .Details}}<tr><th scope="row" style="text-align:left;padding:4px 16px 4px 0">{{index . 0}}</th><td style="padding:4px 0">{{index . 1}}</td></tr>
{{end}}</table>{{end}}{{with .Action}}<p><a href="{{.URL}}" style="display:inline-block;padding:10px 16px;background:#00703c;color:#fff;font-weight:bold;text-decoration:none">{{.Label}}</a></p>
{{end}}{{range .Sections}}<h2 style="font-size:18px;margin:24px 0 8px">{{.Title}}</h2>
<ul style="margin:0 0 16px;padding-left:20px">
{{range .Items}}<li style="margin:0 0 8px">{{if .URL}}<a href="{{.URL}}" style="color:#1d70b8">{{.Text}}</a>{{else}}{{.Text}}{{end}}{{with .Note}}<br><span style="color:#505a5f">{{.}}</span>{{end}}</li>
{{end}}</ul>{{with .More}}<p style="color:#505a5f">{{.}}</p>{{end}}
{{end}}{{if or .Footer .Unsubscribe}}<hr style="border:0;border-top:1px solid #b1b4b6;margin:24px 0 8px">{{end}}
{{with .Footer}}<p style="font-size:14px;color:#505a5f">{{.}}</p>{{end}}
{{with .Unsubscribe}}<p style="font-size:14px"><a href="{{.URL}}" style="color:#1d70b8">{{.Label}}</a></p>{{end}}
</body></html>
`))

// Render returns the text and HTML parts; like Letter, everything is text
// and is escaped in the HTML part.
func (b Bulletin) Render() (text, html string, err error) {
	footer, action := b.Footer, b.Action
	b.Letter.Footer, b.Letter.Action = "", nil
	head, _, err := b.Letter.Render()
	if err != nil {
		return "", "", err
	}
	var t strings.Builder
	t.WriteString(head)
	if action != nil {
		t.WriteString(action.Label + ":\n" + action.URL + "\n\n")
	}
	for _, s := range b.Sections {
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
	if footer != "" || b.Unsubscribe != nil {
		t.WriteString("-- \n")
	}
	if footer != "" {
		t.WriteString(footer + "\n")
	}
	if b.Unsubscribe != nil {
		t.WriteString(b.Unsubscribe.Label + ":\n" + b.Unsubscribe.URL + "\n")
	}
	b.Footer, b.Action = footer, action
	var h bytes.Buffer
	if err := bulletinHTML.Execute(&h, b); err != nil {
		return "", "", err
	}
	return t.String(), h.String(), nil
}
