package booking

import (
	"database/sql"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/ozzo-validation/v4/is"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/security"
)

// Message ids of a walk-in registration's own checks.
const (
	MsgWalkInEmail = "program.error.walkin_email"
	MsgWalkInName  = "program.error.walkin_name"
)

// WalkIn is a parent at the counter signing a child up: the clerk types
// the parent's email (their account, made for them if they have none),
// and the child's name and birth date.
type WalkIn struct {
	SessionID, Language         string
	Email, Name, Phone          string // the parent
	MemberName, MemberBirthdate string // the child, birth date 2006-01-02
}

// RegisterWalkIn registers a walk-in under the site's rules (registration
// window, ages, fee, places, then the waitlist), in one transaction with
// the parent's account and household member: a refused registration
// leaves nothing behind. A child already in the household (same name and
// birth date) is not added twice. The parent's email in their language is
// queued by the registration's hooks.
func (d *Domain) RegisterWalkIn(app core.App, in WalkIn) (*core.Record, error) {
	email := strings.ToLower(strings.TrimSpace(in.Email))
	re := &RuleError{}
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email || is.EmailFormat.Validate(email) != nil {
		re.add("email", MsgWalkInEmail, nil)
	}
	if utf8.RuneCountInString(strings.TrimSpace(in.Name)) > 120 {
		re.add("name", MsgWalkInName, nil)
	}
	if err := re.orNil(); err != nil {
		return nil, err
	}
	var out *core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		parent, err := walkInParent(tx, email, in)
		if err != nil {
			return err
		}
		su := Signup{SessionID: in.SessionID, ResidentID: parent.Id, Language: in.Language,
			NewName: in.MemberName, NewBirthdate: in.MemberBirthdate}
		if id, err := knownMember(tx, parent.Id, in.MemberName, in.MemberBirthdate); err != nil {
			return err
		} else if id != "" {
			su.MemberIDs, su.NewName, su.NewBirthdate = []string{id}, "", ""
		}
		regs, err := d.RegisterMembers(tx, su)
		if err != nil {
			return err
		}
		out = regs[0]
		return nil
	})
	return out, err
}

// walkInParent finds the parent's account by email, or makes one: not
// verified, with a random password, so only a code sent to the address
// signs them in.
func walkInParent(tx core.App, email string, in WalkIn) (*core.Record, error) {
	u, err := tx.FindAuthRecordByEmail("users", email)
	if err == nil {
		return u, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find parent: %w", err)
	}
	col, err := tx.FindCachedCollectionByNameOrId("users")
	if err != nil {
		return nil, err
	}
	u = core.NewRecord(col)
	u.SetEmail(email)
	u.SetPassword(security.RandomString(40))
	u.Load(map[string]any{"name": strings.TrimSpace(in.Name), "phone": strings.TrimSpace(in.Phone),
		"language": in.Language, "role": "resident"})
	if err := tx.Save(u); err != nil {
		return nil, fmt.Errorf("make parent's account: %w", err)
	}
	return u, nil
}

// knownMember is the id of the household member with this name and birth
// date, or "".
func knownMember(tx core.App, residentID, name, birth string) (string, error) {
	b, ok := ParseDate(strings.TrimSpace(birth))
	if !ok || strings.TrimSpace(name) == "" {
		return "", nil
	}
	var id string
	err := tx.DB().NewQuery(`SELECT id FROM household_members WHERE resident = {:r} AND lower(name) = lower({:n})
		AND substr(birthdate, 1, 10) = {:b} LIMIT 1`).
		Bind(dbx.Params{"r": residentID, "n": strings.TrimSpace(name), "b": b.String()}).Row(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return id, err
}
