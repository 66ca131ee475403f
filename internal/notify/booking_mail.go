package notify

import (
	"errors"
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/town"
)

// BookingMail queues the emails of reservations and program registrations,
// in the resident's language and in the same transaction as the change:
// received or confirmed, approved, declined, cancelled and a reminder the
// day before, each with the booking's .ics; and a registration's place or
// promotion from the waitlist (with the session's meetings as .ics) or
// waitlist spot.
type BookingMail struct {
	Bundle  *i18n.Bundle
	Town    *town.Store
	Booking *booking.Domain
}

// RegisterBookingMail binds the booking emails to the records' hooks and
// checks for reminders every quarter of an hour.
func RegisterBookingMail(app core.App, bm *BookingMail) {
	app.OnRecordCreateExecute(booking.Reservations).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		event := "received"
		if e.Record.GetString("status") == booking.StatusApproved {
			event = "confirmed"
		}
		return bm.reservation(e.App, e.Record, event)
	})
	app.OnRecordUpdateExecute(booking.Reservations).BindFunc(func(e *core.RecordEvent) error {
		was, is := e.Record.Original().GetString("status"), e.Record.GetString("status")
		if err := e.Next(); err != nil || was == is {
			return err
		}
		switch is {
		case booking.StatusApproved, booking.StatusDeclined, booking.StatusCancelled:
			return bm.reservation(e.App, e.Record, is)
		}
		return nil
	})
	app.OnRecordCreateExecute(booking.Registrations).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil {
			return err
		}
		return bm.registration(e.App, e.Record, e.Record.GetString("status"))
	})
	app.OnRecordUpdateExecute(booking.Registrations).BindFunc(func(e *core.RecordEvent) error {
		was, is := e.Record.Original().GetString("status"), e.Record.GetString("status")
		if err := e.Next(); err != nil || was != booking.Waitlisted || is != booking.Registered {
			return err
		}
		return bm.registration(e.App, e.Record, "promoted")
	})
	app.Cron().MustAdd("bookingReminders", "*/15 * * * *", func() {
		if n, err := bm.Reminders(app, clock.Or(bm.Booking.Clock).Now()); err != nil {
			app.Logger().Error("booking reminders", "error", err, "queued", n)
		}
	})
}

// Reminders queues a reminder for each approved reservation starting within
// a day of now, once (the dedupe key holds the start, so a moved booking is
// reminded again). Bookings made less than a day ahead get none: their
// confirmation is recent. It returns how many were queued.
func (bm *BookingMail) Reminders(app core.App, now time.Time) (int, error) {
	recs, err := app.FindRecordsByFilter(booking.Reservations,
		"status = 'approved' && starts > {:now} && starts <= {:soon}", "starts", 0, 0,
		dbx.Params{"now": now.UTC().Format(types.DefaultDateLayout), "soon": now.Add(24 * time.Hour).UTC().Format(types.DefaultDateLayout)})
	if err != nil {
		return 0, fmt.Errorf("find reservations to remind: %w", err)
	}
	n := 0
	for _, r := range recs {
		if r.GetDateTime("starts").Time().Sub(r.GetDateTime("created").Time()) < 24*time.Hour {
			continue
		}
		if err := app.RunInTransaction(func(tx core.App) error { return bm.reservation(tx, r, "reminder") }); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// reservation writes to the resident about a reservation, with its .ics.
func (bm *BookingMail) reservation(app core.App, r *core.Record, event string) error {
	to, ok := bm.resident(app, r)
	if !ok {
		return nil // a booking the clerk took by phone, with no account
	}
	b := bm.Bundle
	bk, err := bm.Booking.BookingFrom(app, r, to.Lang)
	if err != nil {
		return err
	}
	when := bm.when(to.Lang, bk.Start, bk.End)
	data := map[string]any{"Name": bk.Facility.Name, "Date": when}
	l := Letter{Details: [][2]string{
		{b.T(to.Lang, "booking.facility", nil), bk.Facility.Name},
		{b.T(to.Lang, "booking.when", nil), when},
		{b.T(to.Lang, "booking.purpose", nil), bk.Purpose},
		{b.T(to.Lang, "booking.attendees", nil), fmt.Sprint(bk.Attendees)},
		{b.T(to.Lang, "booking.status_label", nil), b.T(to.Lang, "booking.status."+bk.Status, nil)},
	}}
	if bk.Fee > 0 {
		paid := b.T(to.Lang, "booking.fee_unpaid", nil)
		if bk.Paid {
			paid = b.T(to.Lang, "booking.fee_paid", nil)
		}
		l.Details = append(l.Details, [2]string{b.T(to.Lang, "booking.fee", nil), i18n.Money(bk.Fee) + " (" + paid + ")"})
	}
	if to.Name != "" {
		l.Greeting = b.T(to.Lang, "email.hello", map[string]any{"Name": to.Name})
	}
	l.Paragraphs = []string{b.T(to.Lang, "email.booking."+event+".body", data)}
	if note := bk.Note; note != "" && (event == booking.StatusApproved || event == booking.StatusDeclined) {
		l.Paragraphs = append(l.Paragraphs, b.T(to.Lang, "email.booking.note", nil)+" "+note)
	}
	url := town.AbsURL(app, "/"+to.Lang+"/reservations/"+r.Id)
	l.Action = &Link{Label: b.T(to.Lang, "email.booking.action", nil), URL: url}
	h := bm.Booking.ReservationHappening(app, r, to.Lang)
	method := "PUBLISH"
	if h.Status == booking.StatusDeclined || h.Status == booking.StatusCancelled {
		method = "CANCEL"
	}
	cal := bm.Booking.NewCalendar("", method)
	cal.Events = []booking.Event{bm.Booking.Event(h, b.T(to.Lang, "booking.ics.summary", data), url)}
	file := outbox.NewAttachment("reservation.ics", "text/calendar", cal.Bytes())
	dedupe := "reservation:" + r.Id + ":" + event
	if event == "reminder" {
		dedupe += ":" + r.GetString("starts")
	}
	return bm.queue(app, to, b.T(to.Lang, "email.booking."+event+".subject", data), l, dedupe, "booking."+event, file)
}

// registration writes to the resident about a household member's place.
func (bm *BookingMail) registration(app core.App, r *core.Record, event string) error {
	if event != booking.Registered && event != booking.Waitlisted && event != "promoted" {
		return nil
	}
	to, ok := bm.resident(app, r)
	if !ok {
		return nil
	}
	b := bm.Bundle
	s, err := bm.Booking.SessionByID(app, r.GetString("session"), to.Lang)
	if err != nil {
		if errors.Is(err, booking.ErrNotFound) {
			return nil
		}
		return err
	}
	program, err := app.FindRecordById(booking.Programs, s.ProgramID)
	if err != nil {
		return err
	}
	member, err := app.FindRecordById(booking.Members, r.GetString("member"))
	if err != nil {
		return err
	}
	pname, _ := i18n.Text(program, "name", to.Lang, bm.Town.Get().DefaultLanguage)
	what := pname + " – " + s.Name
	data := map[string]any{"Name": member.GetString("name"), "Service": what}
	l := Letter{Details: [][2]string{
		{b.T(to.Lang, "program.session", nil), what},
		{b.T(to.Lang, "program.dates", nil), bm.date(to.Lang, s.FirstDay) + " – " + bm.date(to.Lang, s.LastDay)},
	}}
	if r.GetFloat("fee") > 0 {
		l.Details = append(l.Details, [2]string{b.T(to.Lang, "booking.fee", nil), i18n.Money(r.GetFloat("fee"))})
	}
	if to.Name != "" {
		l.Greeting = b.T(to.Lang, "email.hello", map[string]any{"Name": to.Name})
	}
	l.Paragraphs = []string{b.T(to.Lang, "email.program."+event+".body", data)}
	mine := town.AbsURL(app, "/"+to.Lang+"/reservations")
	l.Action = &Link{Label: b.T(to.Lang, "email.booking.action_mine", nil), URL: mine}
	var files []outbox.Attachment
	if event != booking.Waitlisted {
		// A place: every meeting, for the family's calendar.
		hs, err := bm.Booking.SessionHappenings(app, s.ID, to.Lang)
		if err != nil {
			return err
		}
		cal := bm.Booking.NewCalendar("", "PUBLISH")
		for _, h := range hs {
			cal.Events = append(cal.Events, bm.Booking.Event(h, h.Title+" ("+member.GetString("name")+")", mine))
		}
		if len(cal.Events) > 0 {
			files = append(files, outbox.NewAttachment("program.ics", "text/calendar", cal.Bytes()))
		}
	}
	return bm.queue(app, to, b.T(to.Lang, "email.program."+event+".subject", data), l,
		"registration:"+r.Id+":"+event, "program."+event, files...)
}

// resident is the account a reservation or registration belongs to, in
// their language: their profile's, else the one they booked in.
func (bm *BookingMail) resident(app core.App, r *core.Record) (recipient, bool) {
	id := r.GetString("resident")
	if id == "" {
		return recipient{}, false
	}
	u, err := app.FindRecordById("users", id)
	if err != nil || u.Email() == "" {
		return recipient{}, false
	}
	t := bm.Town.Get()
	lang := u.GetString("language")
	if !t.Offers(lang) {
		lang = r.GetString("language")
	}
	if !t.Offers(lang) {
		lang = t.DefaultLanguage
	}
	return recipient{ID: u.Id, Email: u.Email(), Name: u.GetString("name"), Lang: lang}, true
}

func (bm *BookingMail) queue(app core.App, to recipient, subject string, l Letter, dedupe, kind string, files ...outbox.Attachment) error {
	return queueFollowUp(app, bm.Bundle, bm.Town.Get(), l, Mail{To: to.Email, ToName: to.Name, Lang: to.Lang, Subject: subject,
		DedupeKey: dedupe, Kind: kind, Files: files, FooterID: "email.booking.footer"})
}

// when is "Saturday, June 6, 2026, 10:00 a.m.–12:00 p.m." in lang and the
// town's zone.
func (bm *BookingMail) when(lang string, start, end time.Time) string {
	loc := bm.Town.Get().Location
	s, e := start.In(loc), end.In(loc)
	return bm.Bundle.DayDate(lang, s) + ", " + bm.Bundle.Clock(lang, s) + "–" + bm.Bundle.Clock(lang, e)
}

func (bm *BookingMail) date(lang string, d booking.Date) string {
	return bm.Bundle.Date(lang, time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC))
}
