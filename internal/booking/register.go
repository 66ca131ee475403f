package booking

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Member is a person in a resident's household.
type Member struct {
	ID, Name  string
	Birthdate Date
}

// AgeOn is the member's age in whole years on day.
func (m Member) AgeOn(day Date) int {
	age := day.Year - m.Birthdate.Year
	if day.Month < m.Birthdate.Month || (day.Month == m.Birthdate.Month && day.Day < m.Birthdate.Day) {
		age--
	}
	return age
}

// Household lists a resident's members, by name.
func Household(app core.App, residentID string) ([]Member, error) {
	recs, err := app.FindRecordsByFilter(Members, "resident = {:r}", "name", 0, 0, dbx.Params{"r": residentID})
	if err != nil {
		return nil, fmt.Errorf("list household: %w", err)
	}
	out := make([]Member, len(recs))
	for i, r := range recs {
		out[i] = Member{ID: r.Id, Name: r.GetString("name"), Birthdate: DateOf(r.GetDateTime("birthdate").Time())}
	}
	return out, nil
}

// Signup is a resident registering household members for a session.
type Signup struct {
	SessionID, ResidentID, Language string
	MemberIDs                       []string // members already in the household
	NewName, NewBirthdate           string   // optional: add a member (birth date 2006-01-02)
}

// RegisterMembers signs members up for a session in one transaction: each
// gets a place while there are places, and then a spot on the waitlist, in
// the order they arrive. A new member is added to the household in the same
// transaction. A refused signup returns a *RuleError.
func (d *Domain) RegisterMembers(app core.App, in Signup) ([]*core.Record, error) {
	s, err := d.SessionByID(app, in.SessionID, in.Language)
	if err != nil {
		return nil, err
	}
	re := &RuleError{}
	now := d.now()
	switch {
	case now.Before(s.Opens):
		re.add("members", MsgNotOpenYet, nil)
	case !now.Before(s.Closes):
		re.add("members", MsgClosedForReg, nil)
	}
	newName := strings.TrimSpace(in.NewName)
	birth, birthOK := ParseDate(in.NewBirthdate)
	adding := newName != "" || strings.TrimSpace(in.NewBirthdate) != ""
	if adding {
		if newName == "" || utf8.RuneCountInString(newName) > 120 {
			re.add("new_name", MsgMemberName, nil)
		}
		if !birthOK || DateOf(now.In(d.loc())).Before(birth) {
			re.add("new_birthdate", MsgBirthdate, nil)
		}
	}
	if len(in.MemberIDs) == 0 && !adding {
		re.add("members", MsgChooseMember, nil)
	}
	if err := re.orNil(); err != nil {
		return nil, err
	}
	var out []*core.Record
	err = app.RunInTransaction(func(tx core.App) error {
		members, err := d.chosenMembers(tx, in, newName, birth, adding)
		if err != nil {
			return err
		}
		for _, m := range members {
			if age := m.AgeOn(s.FirstDay); age < s.MinAge || (s.MaxAge > 0 && age > s.MaxAge) {
				re.add("members", MsgAge, map[string]any{"Name": m.Name, "Min": s.MinAge, "Max": s.MaxAge})
			}
		}
		if err := re.orNil(); err != nil {
			return err
		}
		for _, m := range members {
			r, err := d.registerOne(tx, s, in, m, re)
			if err != nil {
				return err
			}
			out = append(out, r)
		}
		return re.orNil()
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// chosenMembers loads the chosen members (only the resident's own) and adds
// the new one.
func (d *Domain) chosenMembers(tx core.App, in Signup, newName string, birth Date, adding bool) ([]Member, error) {
	var out []Member
	for _, id := range in.MemberIDs {
		r, err := tx.FindRecordById(Members, id)
		if err != nil || r.GetString("resident") != in.ResidentID {
			return nil, ErrNotFound
		}
		out = append(out, Member{ID: r.Id, Name: r.GetString("name"), Birthdate: DateOf(r.GetDateTime("birthdate").Time())})
	}
	if adding {
		col, err := tx.FindCachedCollectionByNameOrId(Members)
		if err != nil {
			return nil, err
		}
		r := core.NewRecord(col)
		r.Load(map[string]any{"resident": in.ResidentID, "name": newName, "birthdate": birth.String() + " 00:00:00.000Z"})
		if err := tx.Save(r); err != nil {
			return nil, fmt.Errorf("add household member: %w", err)
		}
		out = append(out, Member{ID: r.Id, Name: newName, Birthdate: birth})
	}
	return out, nil
}

// registerOne writes one registration: a place if one is left, else the
// waitlist. It runs inside the signup's transaction, so the count it reads
// is the count it writes against.
func (d *Domain) registerOne(tx core.App, s *Session, in Signup, m Member, re *RuleError) (*core.Record, error) {
	var active int
	err := tx.DB().NewQuery("SELECT count(*) FROM registrations WHERE session = {:s} AND member = {:m} AND status != 'cancelled'").
		Bind(dbx.Params{"s": s.ID, "m": m.ID}).Row(&active)
	if err != nil {
		return nil, err
	}
	if active > 0 {
		re.add("members", MsgAlreadySigned, map[string]any{"Name": m.Name})
		return nil, re
	}
	taken, err := registeredCount(tx, s.ID)
	if err != nil {
		return nil, err
	}
	status := Registered
	if taken >= s.Capacity {
		status = Waitlisted
	}
	col, err := tx.FindCachedCollectionByNameOrId(Registrations)
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"session": s.ID, "member": m.ID, "resident": in.ResidentID, "status": status,
		"fee": s.Fee, "language": in.Language})
	if err := tx.Save(r); err != nil {
		return nil, fmt.Errorf("save registration: %w", err)
	}
	return r, nil
}

func registeredCount(app core.App, sessionID string) (int, error) {
	var n int
	err := app.DB().NewQuery("SELECT count(*) FROM registrations WHERE session = {:s} AND status = 'registered'").
		Bind(dbx.Params{"s": sessionID}).Row(&n)
	return n, err
}

// Withdraw cancels one of the resident's registrations. A place it held goes
// to the first person on the waitlist, in the same transaction.
func (d *Domain) Withdraw(app core.App, residentID, registrationID string) (*core.Record, error) {
	var rec *core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		r, err := tx.FindRecordById(Registrations, registrationID)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && r.GetString("resident") != residentID) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if r.GetString("status") == Withdrawn {
			re := &RuleError{}
			re.add("cancel", MsgNotCancellable, nil)
			return re
		}
		r.Set("status", Withdrawn)
		r.Set("cancelled_at", d.now().UTC())
		rec = r
		return tx.Save(r)
	})
	return rec, err
}

// promote gives each free place of a session to the next person on its
// waitlist, oldest first. Run it inside the transaction that freed the
// place: the count and the promotions then cannot race another signup.
func (d *Domain) promote(tx core.App, sessionID string) error {
	sr, err := tx.FindRecordById(Sessions, sessionID)
	if err != nil {
		return fmt.Errorf("find session: %w", err)
	}
	taken, err := registeredCount(tx, sessionID)
	if err != nil {
		return err
	}
	free := sr.GetInt("capacity") - taken
	if free <= 0 {
		return nil
	}
	next, err := tx.FindRecordsByFilter(Registrations, "session = {:s} && status = 'waitlisted'", "created,id", free, 0, dbx.Params{"s": sessionID})
	if err != nil {
		return fmt.Errorf("find waitlist: %w", err)
	}
	for _, r := range next {
		r.Set("status", Registered)
		r.Set("promoted_at", d.now().UTC())
		if err := tx.Save(r); err != nil {
			return fmt.Errorf("promote from waitlist: %w", err)
		}
	}
	return nil
}

// registrationChanged promotes from the waitlist when a registration that
// held a place stops holding it, whoever changed it (the resident on the
// site, the clerk in the admin UI), in the same transaction.
func (d *Domain) registrationChanged(e *core.RecordEvent) error {
	r := e.Record
	was, is := r.Original().GetString("status"), r.GetString("status")
	if is == Withdrawn && r.GetDateTime("cancelled_at").IsZero() {
		r.Set("cancelled_at", d.now().UTC())
	}
	freed := was == Registered && is != Registered
	moved := r.Original().GetString("session") != r.GetString("session") && was == Registered
	if !freed && !moved {
		return e.Next()
	}
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		return d.promote(tx, r.Original().GetString("session"))
	})
}

// registrationDeleted promotes when the clerk deletes a registration that
// held a place.
func (d *Domain) registrationDeleted(e *core.RecordEvent) error {
	if err := e.Next(); err != nil {
		return err
	}
	if e.Record.GetString("status") != Registered {
		return nil
	}
	err := e.App.RunInTransaction(func(tx core.App) error { return d.promote(tx, e.Record.GetString("session")) })
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		e.App.Logger().Error("booking: promote after a deleted registration", "error", err)
	}
	return nil
}

// sessionChanged promotes when the clerk adds places to a session.
func (d *Domain) sessionChanged(e *core.RecordEvent) error {
	if e.Record.GetInt("capacity") <= e.Record.Original().GetInt("capacity") {
		return e.Next()
	}
	return e.App.RunInTransaction(func(tx core.App) error {
		e.App = tx
		if err := e.Next(); err != nil {
			return err
		}
		return d.promote(tx, e.Record.Id)
	})
}
