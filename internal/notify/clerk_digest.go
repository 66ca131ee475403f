package notify

import (
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/town"
)

// waiting is what the clerk's digest lists: the bookings not yet decided
// (that have not ended) and the page changes not yet approved.
func (cm *ClerkMail) waiting(app core.App, lang string, now time.Time) ([]Section, error) {
	var out []Section
	bookings, err := app.FindRecordsByFilter("reservations", "status = 'pending' && ends > {:now}", "starts", 50, 0,
		dbx.Params{"now": dbTime(now)})
	if err != nil {
		return nil, err
	}
	pages, err := app.FindRecordsByFilter("page_revisions", "status = 'pending'", "created", 50, 0)
	if err != nil {
		return nil, err
	}
	for _, k := range []struct {
		kind string
		recs []*core.Record
		item func(core.App, string, string) (Item, error)
	}{{"booking", bookings, cm.bookingItem}, {"page", pages, cm.pageItem}} {
		if len(k.recs) == 0 {
			continue
		}
		s := Section{Title: cm.Bundle.T(lang, "email.clerk.digest."+k.kind, map[string]any{"Count": len(k.recs)})}
		for _, r := range k.recs {
			it, err := k.item(app, r.Id, lang)
			if err != nil {
				return nil, err
			}
			s.Items = append(s.Items, it)
		}
		out = append(out, s)
	}
	return out, nil
}

// storeDigest records the clerk's digest run and queues it, if there is
// anything to say.
func (cm *ClerkMail) storeDigest(tx core.App, key string, to recipient, sections []Section) error {
	col, err := tx.FindCachedCollectionByNameOrId("digest_runs")
	if err != nil {
		return err
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"period": key, "kind": "clerk", "sent": len(sections) > 0})
	if err := tx.Save(r); err != nil {
		return err
	}
	if len(sections) == 0 {
		return nil
	}
	b := cm.Bundle
	l := Letter{Paragraphs: []string{b.T(to.Lang, "email.clerk.digest.intro", nil)}, Sections: sections,
		Action: &Link{Label: b.T(to.Lang, "email.clerk.digest.action", nil), URL: town.AbsURL(tx, "/"+to.Lang+"/staff")}}
	return queueFollowUp(tx, b, cm.Town.Get(), l, Mail{To: to.Email, Lang: to.Lang,
		Subject: b.T(to.Lang, "email.clerk.digest.subject", nil), DedupeKey: "clerk:digest:" + key, Kind: "clerk.digest"})
}
