package notify

import (
	"github.com/pocketbase/pocketbase/core"
)

// NotifyDigest is the desk_notify choice of being told in the staff
// digest rather than by an email at once.
const NotifyDigest = "digest"

// deskChoices maps each person who chose on the desk (a users or
// superusers id) to their choice and language.
type deskChoices map[string]struct{ Notify, Language string }

func loadDeskChoices(app core.App) (deskChoices, error) {
	var rows []struct {
		Person   string `db:"person"`
		Notify   string `db:"notify"`
		Language string `db:"language"`
	}
	if err := app.DB().Select("person", "notify", "language").From("desk_notify").All(&rows); err != nil {
		return nil, err
	}
	out := deskChoices{}
	for _, r := range rows {
		out[r.Person] = struct{ Notify, Language string }{r.Notify, r.Language}
	}
	return out, nil
}

// inDigest reports whether a staff member asked for their work in the
// staff digest and gets one (a digest of "off" would tell them nothing,
// so they are told at once).
func (c deskChoices) inDigest(u *core.Record) bool {
	d := u.GetString("digest")
	return c[u.Id].Notify == NotifyDigest && (d == "daily" || d == "weekly")
}

// clerkDigest reports whether the clerk with superuser id asked for the
// clerk's daily digest.
func (c deskChoices) clerkDigest(id string) bool { return c[id].Notify == NotifyDigest }
