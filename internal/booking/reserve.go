package booking

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
)

// MaxPurpose is the longest purpose a resident may type.
const MaxPurpose = 500

// Input is a booking as a resident typed it: wall-clock times in the town's
// time zone.
type Input struct {
	Facility   string // slug
	ResidentID string
	Language   string
	Date       string // 2006-01-02
	Start, End string // 15:04
	Purpose    string
	Attendees  string
	Public     bool // show the purpose on the town calendar
}

type ctxKeyT int

// viaReserve marks saves made by Reserve and Cancel, which check the rules
// themselves, so the clerk's hook does not check them twice.
const viaReserve ctxKeyT = 1

// Reserve books a facility for a resident. The rules are checked first;
// then, in one transaction, the time is checked again against every other
// booking (and the gap kept between them) and the reservation is written,
// so two residents can never hold the same time. It is pending when the
// facility needs the clerk's approval, else approved at once. A refused
// booking returns a *RuleError naming each problem.
func (d *Domain) Reserve(app core.App, in Input) (*core.Record, error) {
	f, err := d.FacilityBySlug(app, in.Facility, in.Language)
	if err != nil {
		return nil, err
	}
	want, attendees, rerr := d.check(app, f, in)
	if rerr != nil {
		return nil, rerr
	}
	var rec *core.Record
	err = app.RunInTransaction(func(tx core.App) error {
		hit, direct, err := d.conflict(tx, f, want, "")
		if err != nil {
			return err
		}
		if hit {
			return takenError(f, direct)
		}
		col, err := tx.FindCachedCollectionByNameOrId(Reservations)
		if err != nil {
			return err
		}
		rec = core.NewRecord(col)
		status := StatusApproved
		if f.ApprovalRequired {
			status = StatusPending
		}
		rec.Load(map[string]any{
			"facility": f.ID, "starts": want.Start.UTC(), "ends": want.End.UTC(), "status": status,
			"resident": in.ResidentID, "purpose": strings.TrimSpace(in.Purpose), "attendees": attendees,
			"fee": f.Fee, "paid": false, "public": in.Public, "language": in.Language,
		})
		return tx.SaveWithContext(context.WithValue(context.Background(), viaReserve, true), rec)
	})
	if err != nil {
		return nil, err
	}
	return rec, nil
}

func takenError(f *Facility, direct bool) *RuleError {
	re := &RuleError{}
	if direct {
		re.add("start", MsgTaken, nil)
	} else {
		id, data := durationMsg(MsgBuffer, f.BufferMinutes)
		re.add("start", id, data)
	}
	return re
}

// check applies every rule that does not depend on other bookings and
// returns the wanted time and number of attendees.
func (d *Domain) check(app core.App, f *Facility, in Input) (Interval, int, *RuleError) {
	re := &RuleError{}
	purpose := strings.TrimSpace(in.Purpose)
	switch {
	case purpose == "":
		re.add("purpose", MsgPurpose, nil)
	case utf8.RuneCountInString(purpose) > MaxPurpose:
		re.add("purpose", MsgPurposeLong, map[string]any{"Max": MaxPurpose})
	}
	attendees, err := strconv.Atoi(strings.TrimSpace(in.Attendees))
	switch {
	case err != nil || attendees < 1:
		re.add("attendees", MsgAttendees, nil)
	case f.Capacity > 0 && attendees > f.Capacity:
		re.add("attendees", MsgOverCapacity, map[string]any{"Count": f.Capacity})
	}
	want, ok := d.parseTimes(in, re)
	if ok {
		d.checkTimes(app, f, want, in.Language, re)
	}
	if len(re.Problems) > 0 {
		return Interval{}, 0, re
	}
	return want, attendees, nil
}

// parseTimes reads the date and times typed, in the town's zone.
func (d *Domain) parseTimes(in Input, re *RuleError) (Interval, bool) {
	day, okDay := ParseDate(in.Date)
	if !okDay {
		re.add("date", MsgDateRequired, nil)
	}
	sc, okS := ParseClock(in.Start)
	if !okS {
		re.add("start", MsgTimeRequired, nil)
	}
	ec, okE := ParseClock(in.End)
	if !okE {
		re.add("end", MsgTimeRequired, nil)
	}
	if !okDay || !okS || !okE {
		return Interval{}, false
	}
	loc := d.loc()
	start, ok1 := day.At(loc, sc)
	if !ok1 {
		re.add("start", MsgNoSuchTime, nil)
	}
	end, ok2 := day.At(loc, ec)
	if !ok2 {
		re.add("end", MsgNoSuchTime, nil)
	}
	if !ok1 || !ok2 {
		return Interval{}, false
	}
	if !end.After(start) {
		re.add("end", MsgEndBeforeStart, nil)
		return Interval{}, false
	}
	return Interval{start, end}, true
}

// checkTimes applies the facility's rules of time to want.
func (d *Domain) checkTimes(app core.App, f *Facility, want Interval, lang string, re *RuleError) {
	now := d.now()
	earliest, latest := d.Window(f, now)
	switch {
	case want.Start.Before(now):
		re.add("start", MsgPast, nil)
	case want.Start.Before(earliest):
		msg, data := tooSoon(f.NoticeHours)
		re.add("start", msg, data)
	case !latest.IsZero() && !want.Start.Before(latest):
		re.add("date", MsgBeyondWindow, map[string]any{"Count": f.AdvanceDays})
	}
	minutes := int(want.Duration() / time.Minute)
	if f.MinMinutes > 0 && minutes < f.MinMinutes {
		id, data := durationMsg(MsgTooShort, f.MinMinutes)
		re.add("end", id, data)
	}
	if f.MaxMinutes > 0 && minutes > f.MaxMinutes {
		id, data := durationMsg(MsgTooLong, f.MaxMinutes)
		re.add("end", id, data)
	}
	loc := d.loc()
	day := DateOf(want.Start.In(loc))
	closed, err := d.closedDays(app, f.ID, day, DateOf(want.End.Add(-time.Nanosecond).In(loc)), lang)
	if err != nil {
		app.Logger().Error("booking: load closures", "error", err)
	}
	for _, reason := range closed {
		re.add("date", MsgClosed, map[string]any{"Name": reason})
		return
	}
	if !f.within(loc, day, want) {
		re.add("start", MsgOutsideHours, nil)
	}
}

// within reports whether want lies inside one opening period of day.
func (f *Facility) within(loc *time.Location, day Date, want Interval) bool {
	for _, o := range f.openOn(loc, day) {
		if !want.Start.Before(o.Start) && !want.End.After(o.End) {
			return true
		}
	}
	return false
}

// durationMsg picks the hours or minutes form of a message about a length
// of time, so residents read "4 hours", not "240 minutes".
func durationMsg(id string, minutes int) (string, map[string]any) {
	if minutes > 0 && minutes%60 == 0 {
		return id + "_hours", map[string]any{"Count": minutes / 60}
	}
	return id + "_minutes", map[string]any{"Count": minutes}
}

// checkClerkChange checks a reservation the clerk creates, moves or
// re-opens in the admin UI against the other bookings and the buffer
// (the database refuses a plain overlap in any case).
func (d *Domain) checkClerkChange(e *core.RecordEvent) error {
	r := e.Record
	if e.Context.Value(viaReserve) != nil {
		return e.Next()
	}
	status := r.GetString("status")
	if status == StatusCancelled && r.GetDateTime("cancelled_at").IsZero() {
		r.Set("cancelled_at", d.now().UTC())
	}
	if status != StatusPending && status != StatusApproved {
		return e.Next()
	}
	if !r.IsNew() {
		o := r.Original()
		if o.GetString("status") == status && o.GetString("starts") == r.GetString("starts") &&
			o.GetString("ends") == r.GetString("ends") && o.GetString("facility") == r.GetString("facility") {
			return e.Next()
		}
	}
	f, err := d.facilityByID(e.App, r.GetString("facility"), "")
	if err != nil {
		return err
	}
	want := Interval{r.GetDateTime("starts").Time(), r.GetDateTime("ends").Time()}
	if !want.End.After(want.Start) {
		return fieldError("ends", "The end must be after the start.")
	}
	if hit, direct, err := d.conflict(e.App, f, want, r.Id); err != nil {
		return err
	} else if hit && direct {
		return fieldError("starts", "The facility is already booked at this time.")
	} else if hit {
		return fieldError("starts", fmt.Sprintf("Too close to another booking: %d minutes are kept free between bookings.", f.BufferMinutes))
	}
	return e.Next()
}
