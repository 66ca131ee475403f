package kb

import (
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/markdown"
)

var (
	articlePath = regexp.MustCompile(`^/([a-z]{2,3}(?:-[A-Z]{2})?)/help/([a-z0-9-]+)/([a-z0-9]+(?:-[a-z0-9]+)*)/?$`)
	sectionPath = regexp.MustCompile(`^/([a-z]{2,3}(?:-[A-Z]{2})?)/help/([a-z0-9-]+)/?$`)
	servicePath = regexp.MustCompile(`^/([a-z]{2,3}(?:-[A-Z]{2})?)/services/([a-z0-9-]+)(?:/request)?/?$`)
)

// MissingLinks returns the links of body, a page at from (its site path),
// that lead to knowledge-base pages, sections or services of this site that
// do not exist or are not published, so an editor can fix them before
// publishing. An article that exists only in def, the default language,
// counts: the site shows it there. Links elsewhere are not checked.
func MissingLinks(app core.App, from, def, body string) []string {
	var missing []string
	base, _ := url.Parse(from)
	for _, dest := range markdown.Links(body) {
		u, err := url.Parse(dest)
		if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
			continue
		}
		if base != nil {
			u = base.ResolveReference(u)
		}
		if !linkExists(app, u.Path, def) && !slices.Contains(missing, dest) {
			missing = append(missing, dest)
		}
	}
	return missing
}

// linkExists reports whether path is a page of the site that a visitor can
// open. Paths outside the knowledge base and services count as existing.
func linkExists(app core.App, path, def string) bool {
	if m := articlePath.FindStringSubmatch(path); m != nil {
		_, err := app.FindFirstRecordByFilter("pages",
			"(language = {:lang} || language = {:def}) && section = {:section} && slug = {:slug} && published = true",
			dbx.Params{"lang": m[1], "def": def, "section": m[2], "slug": m[3]})
		return err == nil
	}
	if m := sectionPath.FindStringSubmatch(path); m != nil {
		_, err := app.FindFirstRecordByFilter("pages", "language = {:lang} && section = {:section} && published = true",
			dbx.Params{"lang": m[1], "section": m[2]})
		return err == nil
	}
	if m := servicePath.FindStringSubmatch(path); m != nil {
		_, err := app.FindFirstRecordByFilter("services", "code = {:code} && active = true", dbx.Params{"code": m[2]})
		return err == nil
	}
	return !strings.Contains(path, "/help/")
}
