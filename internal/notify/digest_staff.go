package notify

import (
	"sort"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/town"
)

// staffContent is what the staff digest draws on: every open request, read
// once per run.
type staffContent struct {
	open        []openRow
	replies     []replyRow
	departments []*core.Record
}

type openRow struct {
	ID         string         `db:"id"`
	Number     string         `db:"number"`
	Department string         `db:"department"`
	Service    string         `db:"service"`
	Due        types.DateTime `db:"due"`
	Created    types.DateTime `db:"created"`
}

func loadStaff(app core.App, p Period) (*staffContent, error) {
	s := &staffContent{}
	n, err := app.CountRecords("users", dbx.HashExp{"role": "staff", "digest": p.Kind})
	if err != nil || n == 0 {
		return s, err
	}
	// Requests created after the period's end belong to the next digest.
	err = app.DB().NewQuery(`SELECT id, number, department, service, due, created FROM requests
		WHERE number != '' AND status NOT IN ('resolved', 'closed') AND created < {:end}
		ORDER BY created`).Bind(dbx.Params{"end": dbTime(p.End)}).All(&s.open)
	if err != nil {
		return nil, err
	}
	if s.replies, err = loadReplies(app, p); err != nil {
		return nil, err
	}
	s.departments, err = app.FindRecordsByFilter("departments", "", "name", 0, 0)
	return s, err
}

// composeStaff builds a staff member's digest: open requests by department
// for the whole town, then the overdue and new ones of their department (or
// of every department, for staff without one). Nothing open, nothing sent.
func (d *Digests) composeStaff(app core.App, c *content, who person) (outgoing, error) {
	o := outgoing{user: who.ID, kind: "staff"}
	sc := c.staff
	if sc == nil || (len(sc.open) == 0 && len(sc.replies) == 0) {
		return o, nil
	}
	lang := d.lang(who.Language)
	counts := map[string]int{}
	var overdue, fresh []openRow
	for _, r := range sc.open {
		counts[r.Department]++
		if who.Department != "" && r.Department != who.Department {
			continue
		}
		if !r.Due.IsZero() && r.Due.Time().Before(c.p.End) {
			overdue = append(overdue, r)
		}
		if !r.Created.Time().Before(c.p.Start) {
			fresh = append(fresh, r)
		}
	}
	sort.SliceStable(overdue, func(i, j int) bool { return overdue[i].Due.Time().Before(overdue[j].Due.Time()) })
	open := Section{Title: d.Bundle.T(lang, "digest.staff.open", nil)}
	for _, dep := range sc.departments {
		if n := counts[dep.Id]; n > 0 {
			open.Items = append(open.Items, Item{Text: d.Bundle.T(lang, "digest.staff.open_count",
				map[string]any{"Name": d.name(dep, "name", lang), "Count": n})})
		}
	}
	sections := []Section{open}
	if s := d.staffList(app, c, lang, "digest.staff.overdue", overdue, true); len(s.Items) > 0 {
		sections = append(sections, s)
	}
	if s := d.staffList(app, c, lang, "digest.staff.new", fresh, false); len(s.Items) > 0 {
		sections = append(sections, s)
	}
	if s := d.replySection(app, c, who, lang); len(s.Items) > 0 {
		sections = append(sections, s)
	}
	b := Letter{Sections: sections}
	msg, err := d.letter(app, c.p, who, lang, d.Bundle.T(lang, "digest.staff.subject."+c.p.Kind, nil), b, "digest.staff.footer", ScopeDigest)
	o.msg = msg
	return o, err
}

func (d *Digests) staffList(app core.App, c *content, lang, titleID string, rows []openRow, due bool) Section {
	s := Section{Title: d.Bundle.T(lang, titleID, nil)}
	for _, r := range rows {
		it := Item{Text: r.Number + " · " + d.name(c.services[r.Service], "name", lang),
			URL: town.AbsURL(app, deskPath(lang, r.Number))}
		if due {
			it.Note = d.Bundle.T(lang, "digest.staff.due", map[string]any{"Date": d.date(r.Due.Time(), lang)})
		}
		s.Items = append(s.Items, it)
	}
	return d.capped(s, lang)
}
