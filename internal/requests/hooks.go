package requests

import (
	"context"
	"errors"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/town"
)

// Domain holds what the request rules need from the rest of the program.
type Domain struct {
	Town  *town.Store
	Clock clock.Clock // "now" for due dates, numbers and closed_at; nil is clock.Real
	// Bundle writes the {due} of reply templates out in the resident's
	// language; nil writes it as 2006-01-02.
	Bundle *i18n.Bundle
}

// Now is the domain's clock reading; channels (Open311, mail, the site)
// read "now" here.
func (d *Domain) Now() time.Time { return clock.Or(d.Clock).Now() }

func (d *Domain) now() time.Time { return d.Now() }

type ctxKey int

// fromTimeline marks a request save made by a request update, so the
// update is not recorded twice.
const fromTimeline ctxKey = 1

// Register applies the request rules to every create and update of a
// request or request update, whichever way it comes: the site, email,
// Open311, or the clerk in the admin UI, checks the questions of a service
// saved there, and keeps services in the search index.
func Register(app core.App, d *Domain) {
	app.OnRecordCreate("requests").BindFunc(d.prepare)
	app.OnRecordCreateExecute("requests").BindFunc(d.number)
	app.OnRecordCreateExecute("requests").BindFunc(capConfirmations)
	app.OnRecordUpdate("requests").BindFunc(d.duplicateMarked)
	app.OnRecordUpdate("requests").BindFunc(d.statusChanged)
	app.OnRecordCreate("request_updates").BindFunc(d.applyUpdate)
	app.OnRecordCreate("services").BindFunc(checkServiceQuestions)
	app.OnRecordUpdate("services").BindFunc(checkServiceQuestions)
	app.OnRecordCreateRequest("requests").BindFunc(d.checkCreateRequest)
	app.OnRecordUpdateRequest("requests").BindFunc(d.checkUpdateRequest)
	d.registerSearch(app)
	d.registerClosing(app)
	RegisterEscalation(app, d)
}

// prepare fills in what every new request gets: status, channel, service
// checks, department, due date, language, and contact details on one line.
func (d *Domain) prepare(e *core.RecordEvent) error {
	r := e.Record
	t := d.Town.Get()
	svcRec, err := e.App.FindRecordById("services", r.GetString("service"))
	if err != nil || !svcRec.GetBool("active") {
		return ErrServiceUnavailable
	}
	if err := recordNeeds(svcRec, r); err != nil {
		return err
	}
	if r.GetString("status") == "" {
		r.Set("status", StatusNew)
	}
	if r.GetString("channel") == "" {
		r.Set("channel", ChannelWeb)
	}
	if r.GetString("language") == "" {
		r.Set("language", t.DefaultLanguage)
	}
	r.Set("contact_name", CleanLine(r.GetString("contact_name")))
	r.Set("contact_phone", CleanLine(r.GetString("contact_phone")))
	r.Set("department", svcRec.GetString("department"))
	if r.GetDateTime("due").IsZero() {
		r.Set("due", DueDate(t, d.now(), svcRec.GetInt("response_days")).UTC())
	}
	return e.Next()
}

// number gives the request its number just before it is written, in the
// transaction that writes it. A request saved outside a transaction (the
// clerk's REST API and admin UI) gets one here, so that two requests saved
// at the same moment never read the same counter.
func (d *Domain) number(e *core.RecordEvent) error {
	if e.App.IsTransactional() {
		return d.numberIn(e)
	}
	app := e.App
	defer func() { e.App = app }()
	return app.RunInTransaction(func(tx core.App) error {
		e.App = tx
		return d.numberIn(e)
	})
}

func (d *Domain) numberIn(e *core.RecordEvent) error {
	if n := e.Record.GetString("number"); n != "" {
		if err := keepAhead(e.App, n); err != nil {
			return err
		}
		return e.Next()
	}
	n, err := nextNumber(e.App, d.now().In(d.Town.Get().Location).Year())
	if err != nil {
		return err
	}
	e.Record.Set("number", n)
	return e.Next()
}

// statusChanged keeps closed_at right, records a status change made
// directly on the request (the clerk editing the status field) in the
// timeline, as if it had been made through a request update, and sends the
// reply template set to go out on entering the new status.
func (d *Domain) statusChanged(e *core.RecordEvent) error {
	old := e.Record.Original().GetString("status")
	now := e.Record.GetString("status")
	if old == now {
		return e.Next()
	}
	setClosedAt(e.Record, now, d.now())
	if err := e.Next(); err != nil {
		return err
	}
	if e.Context.Value(fromTimeline) == nil {
		col, err := e.App.FindCollectionByNameOrId("request_updates")
		if err != nil {
			return err
		}
		u := core.NewRecord(col)
		u.Load(map[string]any{"request": e.Record.Id, "kind": "status", "status": now})
		if err := e.App.SaveWithContext(context.WithValue(e.Context, fromTimeline, true), u); err != nil {
			return err
		}
	}
	return d.autoReply(e.App, e.Record)
}

// duplicateMarked closes a request the clerk marks as a duplicate, and has
// its reporter follow the original instead, so they still hear about it:
// their account, or the email address they gave.
func (d *Domain) duplicateMarked(e *core.RecordEvent) error {
	r := e.Record
	orig := r.GetString("duplicate_of")
	if orig == "" || orig == r.Original().GetString("duplicate_of") {
		return e.Next()
	}
	if orig == r.Id {
		return errors.New("a request cannot duplicate itself")
	}
	if IsOpen(r.GetString("status")) {
		r.Set("status", StatusClosed)
	}
	if err := e.Next(); err != nil {
		return err
	}
	if rep := r.GetString("reporter"); rep != "" {
		return Follow(e.App, rep, orig)
	}
	if email := r.GetString("contact_email"); email != "" {
		return FollowByEmail(e.App, email, r.GetString("contact_name"), ResidentLanguage(e.App, r), orig)
	}
	return nil
}

// setClosedAt clears closed_at on an open request and stamps a newly
// closed one with now.
func setClosedAt(r *core.Record, status string, now time.Time) {
	if IsOpen(status) {
		r.Set("closed_at", "")
	} else if r.GetDateTime("closed_at").IsZero() {
		r.Set("closed_at", now.UTC())
	}
}
