package notify

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/town"
)

// ClerkMail tells the clerk (every superuser, who needs no second account)
// what waits for their decision: a booking to approve and a volunteer's
// page change to approve. Each clerk chooses on the desk (desk_notify): an
// email at once, queued in the transaction that made the booking or page,
// or the clerk's daily digest of everything still waiting.
type ClerkMail struct {
	Bundle *i18n.Bundle
	Town   *town.Store
}

// RegisterClerkMail binds the clerk's emails to new pending bookings and
// page revisions.
func RegisterClerkMail(app core.App, cm *ClerkMail) {
	app.OnRecordCreateExecute(booking.Reservations).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil || e.Record.GetString("status") != booking.StatusPending {
			return err
		}
		return cm.atOnce(e.App, "booking", e.Record.Id, cm.bookingItem)
	})
	pageSaved := func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil || e.Record.GetString("status") != "pending" {
			return err
		}
		if o := e.Record.Original(); o != nil && !e.Record.IsNew() && o.GetString("status") == "pending" {
			return nil
		}
		return cm.atOnce(e.App, "page", e.Record.Id, cm.pageItem)
	}
	app.OnRecordCreateExecute("page_revisions").BindFunc(pageSaved)
	app.OnRecordUpdateExecute("page_revisions").BindFunc(pageSaved)
}

// clerk is a superuser and how they chose to be told.
type clerk struct {
	recipient
	digest bool
}

func (cm *ClerkMail) clerks(app core.App) ([]clerk, error) {
	sus, err := app.FindAllRecords(core.CollectionNameSuperusers)
	if err != nil {
		return nil, fmt.Errorf("find the clerk: %w", err)
	}
	choices, err := loadDeskChoices(app)
	if err != nil {
		return nil, fmt.Errorf("find the clerk's choices: %w", err)
	}
	t := cm.Town.Get()
	out := make([]clerk, len(sus))
	for i, su := range sus {
		lang := choices[su.Id].Language
		if !t.Offers(lang) {
			lang = t.DefaultLanguage
		}
		out[i] = clerk{recipient{ID: su.Id, Email: su.Email(), Lang: lang}, choices.clerkDigest(su.Id)}
	}
	return out, nil
}

// atOnce writes to each clerk who wants it at once about one record.
func (cm *ClerkMail) atOnce(app core.App, kind, id string, item func(core.App, string, string) (Item, error)) error {
	clerks, err := cm.clerks(app)
	if err != nil {
		return err
	}
	for _, c := range clerks {
		if c.digest {
			continue
		}
		it, err := item(app, id, c.Lang)
		if err != nil {
			return err
		}
		b := cm.Bundle
		l := Letter{Paragraphs: []string{b.T(c.Lang, "email.clerk."+kind+".body", nil), it.Text},
			Action: &Link{Label: b.T(c.Lang, "email.clerk."+kind+".action", nil), URL: it.URL}}
		if it.Note != "" {
			l.Paragraphs = append(l.Paragraphs, it.Note)
		}
		err = queueFollowUp(app, b, cm.Town.Get(), l, Mail{To: c.Email, Lang: c.Lang,
			Subject:   b.T(c.Lang, "email.clerk."+kind+".subject", map[string]any{"Name": it.Text}),
			DedupeKey: "clerk:" + kind + ":" + id + ":" + c.ID, Kind: "clerk." + kind})
		if err != nil {
			return err
		}
	}
	return nil
}

// bookingItem is a reservation as the clerk's email names it, with a link
// to the desk's bookings page.
func (cm *ClerkMail) bookingItem(app core.App, id, lang string) (Item, error) {
	r, err := app.FindRecordById(booking.Reservations, id)
	if err != nil {
		return Item{}, err
	}
	f, err := app.FindRecordById(booking.Facilities, r.GetString("facility"))
	if err != nil {
		return Item{}, err
	}
	t := cm.Town.Get()
	name, _ := i18n.Text(f, "name", lang, t.DefaultLanguage)
	start := r.GetDateTime("starts").Time().In(t.Location)
	when := cm.Bundle.DayDate(lang, start) + ", " + cm.Bundle.Clock(lang, start)
	return Item{Text: name + " · " + when, Note: r.GetString("purpose"),
		URL: town.AbsURL(app, "/"+lang+"/staff/bookings")}, nil
}

// pageItem is a page revision waiting for approval, with a link to the
// dashboard, where the clerk approves volunteers' changes.
func (cm *ClerkMail) pageItem(app core.App, id, lang string) (Item, error) {
	r, err := app.FindRecordById("page_revisions", id)
	if err != nil {
		return Item{}, err
	}
	return Item{Text: r.GetString("title"), Note: r.GetString("author_name"),
		URL: town.AbsURL(app, "/_/#/collections?collection=page_revisions&filter=status%3D%27pending%27")}, nil
}

// Digest queues, for p (a daily period), the clerk's digest of the
// bookings and page changes still waiting, to each clerk who chose the
// digest, once per period (digest_runs holds "period:clerk id"). Nothing
// waiting, nothing sent. It reports how many were queued.
func (cm *ClerkMail) Digest(app core.App, p Period, now time.Time) (int, error) {
	if p.Kind != Daily {
		return 0, nil
	}
	clerks, err := cm.clerks(app)
	if err != nil {
		return 0, err
	}
	queued := 0
	for _, c := range clerks {
		key := p.Key + ":" + c.ID
		done, err := app.CountRecords("digest_runs", dbx.HashExp{"period": key})
		if err != nil || !c.digest || done > 0 {
			if err != nil {
				return queued, err
			}
			continue
		}
		sections, err := cm.waiting(app, c.Lang, now)
		if err != nil {
			return queued, err
		}
		err = app.RunInTransaction(func(tx core.App) error {
			return cm.storeDigest(tx, key, c.recipient, sections)
		})
		if err != nil {
			return queued, fmt.Errorf("store the clerk's digest %s: %w", key, err)
		}
		if len(sections) > 0 {
			queued++
		}
	}
	return queued, nil
}
