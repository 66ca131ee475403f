package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/townhall/townhall/internal/kb"
)

// Limits of the editor form as it is read: a field may be far longer than a
// page may be, so an oversized text comes back to its writer whole, with a
// message, instead of being cut.
const (
	maxEditorField = 2 << 20
	maxEditorText  = 8 << 20
)

// editorUpload is the image chosen on the form, if any.
type editorUpload struct {
	Name   string
	Data   []byte
	TooBig bool
}

// readEditorForm reads the editor form as a stream, field by field, so the
// text typed before an oversized image is kept: the image is read up to
// kb.ImageMaxSize and the rest of it skipped.
func readEditorForm(r *http.Request) (map[string][]string, *editorUpload, error) {
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return nil, nil, err
		}
		return r.PostForm, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	values := map[string][]string{}
	var up *editorUpload
	total := 0
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return values, up, nil
		}
		if err != nil {
			// The body was cut (too large): keep what arrived.
			return values, up, nil
		}
		name := part.FormName()
		if part.FileName() != "" {
			if name == "image" && up == nil {
				up = readUpload(part)
			}
			continue
		}
		data, err := io.ReadAll(io.LimitReader(part, maxEditorField))
		if err != nil {
			return values, up, nil
		}
		if total += len(data); total > maxEditorText {
			return values, up, nil
		}
		values[name] = append(values[name], strings.ToValidUTF8(string(data), ""))
	}
}

func readUpload(part *multipart.Part) *editorUpload {
	up := &editorUpload{Name: part.FileName()}
	data, err := io.ReadAll(io.LimitReader(part, kb.ImageMaxSize+1))
	if len(data) > kb.ImageMaxSize {
		up.TooBig = true
		_, _ = io.Copy(io.Discard, part)
		return up
	}
	if err != nil || len(data) == 0 {
		return nil
	}
	up.Data = data
	return up
}

// formContent reads the page fields of the editor form.
func formContent(f *Form) kb.Content {
	return kb.Content{
		Title: f.Get("title"), Slug: f.Get("slug"), Section: f.Get("section"), Summary: f.Get("summary"),
		Body: f.Get("body"), ServiceID: f.Get("service"), Tags: kb.SplitTags(f.Get("tags")),
	}
}

// contentForm fills the editor form from a page's content.
func contentForm(c kb.Content) *Form {
	return &Form{Values: map[string][]string{
		"title": {c.Title}, "slug": {c.Slug}, "section": {c.Section}, "summary": {c.Summary},
		"body": {c.Body}, "service": {c.ServiceID}, "tags": {strings.Join(c.Tags, ", ")},
	}}
}

// set replaces a field's value.
func (f *Form) set(field, value string) {
	if f.Values == nil {
		f.Values = map[string][]string{}
	}
	f.Values[field] = []string{value}
}
