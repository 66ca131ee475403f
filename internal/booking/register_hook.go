package booking

import (
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// registrationCreated applies the signup rules to a registration however it
// is created, the site's form, the desk or the clerk in the admin UI: the
// member must belong to the resident and be of the session's ages, the fee
// is the session's, and a full session puts the member on its waitlist.
// It counts places in the transaction that writes the registration.
func (d *Domain) registrationCreated(e *core.RecordEvent) error {
	if e.App.IsTransactional() {
		return d.checkRegistration(e)
	}
	app := e.App
	defer func() { e.App = app }()
	return app.RunInTransaction(func(tx core.App) error {
		e.App = tx
		return d.checkRegistration(e)
	})
}

func (d *Domain) checkRegistration(e *core.RecordEvent) error {
	r := e.Record
	s, err := e.App.FindRecordById(Sessions, r.GetString("session"))
	if err != nil {
		return fieldError("session", "Choose a session.")
	}
	m, err := e.App.FindRecordById(Members, r.GetString("member"))
	if err != nil {
		return fieldError("member", "Choose a household member.")
	}
	if r.GetString("resident") == "" {
		r.Set("resident", m.GetString("resident"))
	}
	if m.GetString("resident") != r.GetString("resident") {
		return fieldError("member", "This member is not in the resident's household.")
	}
	member := Member{Name: m.GetString("name"), Birthdate: DateOf(m.GetDateTime("birthdate").Time())}
	minAge, maxAge := s.GetInt("min_age"), s.GetInt("max_age")
	if age := member.AgeOn(DateOf(s.GetDateTime("first_day").Time())); age < minAge || (maxAge > 0 && age > maxAge) {
		return fieldError("member", fmt.Sprintf("%s is %d on the first day; this session is for ages %d to %d.",
			member.Name, age, minAge, maxAge))
	}
	r.Set("fee", s.GetFloat("fee"))
	if st := r.GetString("status"); st == "" || st == Registered {
		taken, err := registeredCount(e.App, s.Id)
		if err != nil {
			return fmt.Errorf("count places: %w", err)
		}
		r.Set("status", Registered)
		if taken >= s.GetInt("capacity") {
			r.Set("status", Waitlisted)
		}
	}
	return e.Next()
}
