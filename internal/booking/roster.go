package booking

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Roster is a session's registered members and its waitlist, in the order
// they signed up (the waitlist's order is the order of promotion).
type Roster struct {
	Session    *Session
	Program    string
	Registered []RosterEntry
	Waitlist   []RosterEntry
}

// RosterEntry is one member on a roster, with who signed them up.
type RosterEntry struct {
	ID       string  `db:"id"`
	Member   string  `db:"member"`
	Birth    string  `db:"birthdate"`
	Resident string  `db:"resident"`
	Email    string  `db:"email"`
	Phone    string  `db:"phone"`
	Status   string  `db:"status"`
	Fee      float64 `db:"fee"`
	Paid     bool    `db:"paid"`
	Age      int     `db:"-"` // on the session's first day
}

// SessionRoster returns an active session's roster, or ErrNotFound.
func (d *Domain) SessionRoster(app core.App, sessionID, lang string) (*Roster, error) {
	s, err := d.SessionByID(app, sessionID, lang)
	if err != nil {
		return nil, err
	}
	pr, err := app.FindRecordById(Programs, s.ProgramID)
	if err != nil {
		return nil, fmt.Errorf("find program of session %s: %w", s.ID, err)
	}
	var rows []RosterEntry
	err = app.DB().NewQuery(`SELECT r.id, m.name AS member, m.birthdate, u.name AS resident, u.email, u.phone,
			r.status, r.fee, r.paid
		FROM registrations r JOIN household_members m ON m.id = r.member JOIN users u ON u.id = r.resident
		WHERE r.session = {:s} AND r.status IN ('registered', 'waitlisted')
		ORDER BY r.created, r.id`).Bind(dbx.Params{"s": s.ID}).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("load roster of %s: %w", s.ID, err)
	}
	ro := &Roster{Session: s, Program: d.text(pr, "name", lang)}
	for _, e := range rows {
		if b, ok := ParseDate(firstTen(e.Birth)); ok {
			e.Age = Member{Birthdate: b}.AgeOn(s.FirstDay)
		}
		if e.Status == Registered {
			ro.Registered = append(ro.Registered, e)
		} else {
			ro.Waitlist = append(ro.Waitlist, e)
		}
	}
	return ro, nil
}

func firstTen(s string) string {
	if len(s) > 10 {
		return s[:10]
	}
	return s
}
