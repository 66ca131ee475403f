package requests

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/town"
)

// Domain holds what the request rules need from the rest of the program.
type Domain struct {
	Town *town.Store
}

type ctxKey int

// fromTimeline marks a request save made by a request update, so the
// update is not recorded twice.
const fromTimeline ctxKey = 1

// Register applies the request rules to every create and update of a
// request or request update, whichever way it comes: the site, email,
// Open311, or the clerk in the admin UI.
func Register(app core.App, d *Domain) {
	app.OnRecordCreate("requests").BindFunc(d.prepare)
	app.OnRecordCreateExecute("requests").BindFunc(d.number)
	app.OnRecordUpdate("requests").BindFunc(d.duplicateMarked)
	app.OnRecordUpdate("requests").BindFunc(d.statusChanged)
	app.OnRecordCreate("request_updates").BindFunc(d.applyUpdate)
}

// prepare fills in what every new request gets: status, channel, service
// checks, department, due date, language.
func (d *Domain) prepare(e *core.RecordEvent) error {
	r := e.Record
	t := d.Town.Get()
	svcRec, err := e.App.FindRecordById("services", r.GetString("service"))
	if err != nil || !svcRec.GetBool("active") {
		return ErrServiceUnavailable
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
	r.Set("department", svcRec.GetString("department"))
	if r.GetDateTime("due").IsZero() {
		due := DueDate(t, time.Now(), svcRec.GetInt("response_days"))
		r.Set("due", types.NowDateTime().Add(time.Until(due)))
	}
	return e.Next()
}

// number gives the request its number just before it is written, retrying
// if a request created at the same moment outside a transaction took it.
func (d *Domain) number(e *core.RecordEvent) error {
	if e.Record.GetString("number") != "" {
		return e.Next()
	}
	year := time.Now().In(d.Town.Get().Location).Year()
	var err error
	for range 5 {
		var n string
		if n, err = nextNumber(e.App, year); err != nil {
			return err
		}
		e.Record.Set("number", n)
		if err = e.Next(); !isNumberTaken(err) {
			return err
		}
	}
	return fmt.Errorf("number request: %w", err)
}

// statusChanged keeps closed_at right and records a status change made
// directly on the request (the clerk editing the status field) in the
// timeline, as if it had been made through a request update.
func (d *Domain) statusChanged(e *core.RecordEvent) error {
	old := e.Record.Original().GetString("status")
	now := e.Record.GetString("status")
	if old == now {
		return e.Next()
	}
	setClosedAt(e.Record, now)
	if err := e.Next(); err != nil {
		return err
	}
	if e.Context.Value(fromTimeline) != nil {
		return nil
	}
	col, err := e.App.FindCollectionByNameOrId("request_updates")
	if err != nil {
		return err
	}
	u := core.NewRecord(col)
	u.Load(map[string]any{"request": e.Record.Id, "kind": "status", "status": now})
	return e.App.SaveWithContext(context.WithValue(e.Context, fromTimeline, true), u)
}

// duplicateMarked closes a request the clerk marks as a duplicate, and has
// its reporter follow the original instead, so they still hear about it.
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
	return nil
}

func setClosedAt(r *core.Record, status string) {
	if IsOpen(status) {
		r.Set("closed_at", "")
	} else if r.GetDateTime("closed_at").IsZero() {
		r.Set("closed_at", types.NowDateTime())
	}
}
