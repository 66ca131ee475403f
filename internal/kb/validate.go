package kb

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/search"
)

// Limits on what an editor saves: the same as the pages collection's fields
// and the front matter of files, so every page can be exported and imported.
const (
	MaxTitle   = 200
	MaxSummary = 400
	MaxBody    = 200_000
	MaxSlug    = 120
	MaxNote    = 300
	MaxTags    = 20
	MaxTag     = 40
)

var (
	sectionRe = regexp.MustCompile(`^[a-z0-9-]+$`)
	langRe    = regexp.MustCompile(`^[a-z]{2,3}(-[A-Z]{2})?$`)
)

// ValidationError lists what must change before a page can be saved, as
// message ids for the site to translate.
type ValidationError struct{ i18n.FieldErrors }

func (e *ValidationError) Error() string { return "page not saved: " + e.Summary() }

// invalid is a ValidationError with one problem.
func invalid(field, msg string, data map[string]any) *ValidationError {
	v := &ValidationError{}
	v.Add(field, msg, data)
	return v
}

// Normalize tidies what a browser sends into what a file would hold, so a
// page saved on the site exports and imports back unchanged: trimmed text,
// one-line summary, "\n" line ends, tags without blanks or repeats, and a
// slug made from the title when none was given.
func (c *Content) Normalize() {
	c.Title = strings.Join(strings.Fields(c.Title), " ")
	c.Summary = strings.Join(strings.Fields(c.Summary), " ")
	c.Body = strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(c.Body, "\r\n", "\n"), "\r", "\n"))
	c.Slug = strings.ToLower(strings.TrimSpace(c.Slug))
	if c.Slug == "" {
		c.Slug = Slugify(c.Title)
	}
	c.Section = strings.TrimSpace(c.Section)
	c.ServiceID = strings.TrimSpace(c.ServiceID)
	var tags []string
	for _, t := range c.Tags {
		t = strings.Join(strings.Fields(t), " ")
		if t != "" && !slices.Contains(tags, t) {
			tags = append(tags, t)
		}
	}
	c.Tags = tags
}

// SplitTags reads tags typed as "sofa, fridge, mattress".
func SplitTags(s string) []string { return strings.Split(s, ",") }

// Slugify makes a page address from a title: "Dog licences (2026)" →
// "dog-licences-2026".
func Slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range search.Fold(strings.ToLower(title)) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	s := strings.TrimRight(b.String(), "-")
	for len(s) > MaxSlug {
		i := strings.LastIndexByte(s[:MaxSlug], '-')
		if i <= 0 {
			return s[:MaxSlug]
		}
		s = s[:i]
	}
	return s
}

// validate checks c (already normalized) for page id in lang; id is "" for
// a new page.
func (c *Content) validate(app core.App, id, lang, note string) *ValidationError {
	v := &ValidationError{}
	tooLong := func(field, s string, max int) bool {
		if utf8.RuneCountInString(s) > max {
			v.Add(field, "editor.error.too_long", map[string]any{"Max": max})
			return true
		}
		return false
	}
	for _, s := range []string{c.Title, c.Summary, c.Body, note, strings.Join(c.Tags, "")} {
		if !utf8.ValidString(s) {
			v.Add("body", "editor.error.not_text", nil)
			return v
		}
	}
	if c.Title == "" {
		v.Add("title", "editor.error.title_required", nil)
	} else {
		tooLong("title", c.Title, MaxTitle)
	}
	if !tooLong("slug", c.Slug, MaxSlug) {
		c.checkSlug(app, id, lang, v)
	}
	if !sectionRe.MatchString(c.Section) || len(c.Section) > 40 {
		v.Add("section", "editor.error.choice", nil)
	}
	tooLong("summary", c.Summary, MaxSummary)
	if utf8.RuneCountInString(c.Body) > MaxBody {
		v.Add("body", "editor.error.body_too_long", map[string]any{"Max": MaxBody})
	}
	if c.ServiceID != "" {
		if _, err := app.FindRecordById("services", c.ServiceID); err != nil {
			v.Add("service", "editor.error.choice", nil)
		}
	}
	if len(c.Tags) > MaxTags {
		v.Add("tags", "editor.error.too_many_tags", map[string]any{"Max": MaxTags})
	}
	for _, t := range c.Tags {
		if tooLong("tags", t, MaxTag) {
			break
		}
	}
	tooLong("note", note, MaxNote)
	if len(v.Fields) == 0 {
		return nil
	}
	return v
}

// checkSlug refuses an address that is malformed or that another page in
// the same language already has.
func (c *Content) checkSlug(app core.App, id, lang string, v *ValidationError) {
	switch {
	case c.Slug == "":
		v.Add("slug", "editor.error.slug_required", nil)
	case !slugRe.MatchString(c.Slug):
		v.Add("slug", "editor.error.slug_format", nil)
	default:
		other, err := app.FindFirstRecordByFilter("pages", "language = {:lang} && slug = {:slug} && id != {:id}",
			dbx.Params{"lang": lang, "slug": c.Slug, "id": id})
		if err == nil && other != nil {
			v.Add("slug", "editor.error.slug_taken", map[string]any{"Name": other.GetString("title")})
		}
	}
}
