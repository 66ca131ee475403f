package notify

import (
	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/town"
)

// replyRow is a resident's reply, comment or reopening in the period, for
// the staff digest of those who chose it over an email at once.
type replyRow struct {
	Number     string `db:"number"`
	Department string `db:"department"`
	Assignee   string `db:"assignee"`
	Service    string `db:"service"`
	Kind       string `db:"kind"`
}

// loadReplies reads the period's entries by reporters, as
// requests.ByReporter tells them: reopenings, and comments by the
// reporter's account or, without an author, from the web or email.
func loadReplies(app core.App, p Period) ([]replyRow, error) {
	var rows []replyRow
	err := app.DB().NewQuery(`SELECT r.number, r.department, r.assignee, r.service, u.kind
		FROM request_updates u JOIN requests r ON r.id = u.request
		WHERE u.created >= {:start} AND u.created < {:end} AND (u.kind = 'reopen' OR (u.kind = 'comment'
			AND ((u.author != '' AND u.author = r.reporter) OR (u.author = '' AND u.channel IN ('web', 'email')))))
		ORDER BY u.created`).Bind(dbx.Params{"start": dbTime(p.Start), "end": dbTime(p.End)}).All(&rows)
	return rows, err
}

// replySection lists the replies on requests of who's department or
// assigned to them (every one, for staff without a department).
func (d *Digests) replySection(app core.App, c *content, who person, lang string) Section {
	s := Section{Title: d.Bundle.T(lang, "digest.staff.replies", nil)}
	for _, r := range c.staff.replies {
		if who.Department != "" && r.Department != who.Department && r.Assignee != who.ID {
			continue
		}
		s.Items = append(s.Items, Item{Text: r.Number + " · " + d.name(c.services[r.Service], "name", lang),
			Note: d.Bundle.T(lang, "digest.staff.reply."+r.Kind, nil), URL: town.AbsURL(app, deskPath(lang, r.Number))})
	}
	return d.capped(s, lang)
}
