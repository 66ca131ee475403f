package town

import (
	"fmt"
	"html/template"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/markdown"
)

// Notice is a published notice in one language.
type Notice struct {
	ID         string
	Title      string
	Body       template.HTML // markdown rendered by internal/markdown
	Critical   bool
	Starts     time.Time // when it was first shown: starts, or created
	Updated    time.Time
	Translated bool
}

// Notices returns the notices showing at now in lang, newest first. With
// criticalOnly it returns only the critical ones, for the banner.
func Notices(app core.App, lang, def string, now time.Time, criticalOnly bool, limit int) ([]Notice, error) {
	filter := `published = true && (starts = "" || starts <= {:now}) && (ends = "" || ends > {:now})`
	if criticalOnly {
		filter += ` && severity = "critical"`
	}
	recs, err := app.FindRecordsByFilter("notices", filter, "-starts,-created", limit, 0,
		dbx.Params{"now": now.UTC().Format("2006-01-02 15:04:05.000Z")})
	if err != nil {
		return nil, fmt.Errorf("list notices: %w", err)
	}
	out := make([]Notice, 0, len(recs))
	for _, r := range recs {
		n, err := noticeIn(r, lang, def)
		if err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, nil
}

func noticeIn(r *core.Record, lang, def string) (Notice, error) {
	title, ok := i18n.Text(r, "title", lang, def)
	body, _ := i18n.Text(r, "body", lang, def)
	html, err := markdown.Render(body)
	if err != nil {
		return Notice{}, fmt.Errorf("render notice %s: %w", r.Id, err)
	}
	starts := r.GetDateTime("starts").Time()
	if starts.IsZero() {
		starts = r.GetDateTime("created").Time()
	}
	return Notice{
		ID: r.Id, Title: title, Body: template.HTML(html), Critical: r.GetString("severity") == "critical",
		Starts: starts, Updated: r.GetDateTime("updated").Time(), Translated: ok,
	}, nil
}
