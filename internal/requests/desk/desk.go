// Package desk is the staff desk's read model and actions: who may work on
// which requests, the queue (tabs, filters, search and keyset paging), one
// request's whole story (timeline, messages, followers), and the changes
// staff make, which go through the requests package's rules so the same
// notifications go out as from the dashboard. The pages are in web.
package desk

import (
	"slices"

	"github.com/pocketbase/pocketbase/core"
)

// Staff is someone working on the desk: the clerk (a superuser), who sees
// every request, or a staff member, who sees their departments' requests.
type Staff struct {
	ID, Name, Email string
	Clerk           bool
	Departments     []string // department ids; unused for the clerk
}

// StaffFrom returns who rec is on the desk: a superuser, or a verified user
// whose role is staff. Anyone else is not staff (ok false).
func StaffFrom(rec *core.Record) (*Staff, bool) {
	if rec == nil {
		return nil, false
	}
	if rec.IsSuperuser() {
		return &Staff{ID: rec.Id, Name: rec.Email(), Email: rec.Email(), Clerk: true}, true
	}
	if rec.Collection().Name != "users" || rec.GetString("role") != "staff" || !rec.Verified() {
		return nil, false
	}
	s := &Staff{ID: rec.Id, Name: rec.GetString("name"), Email: rec.Email()}
	if s.Name == "" {
		s.Name = rec.Email()
	}
	if d := rec.GetString("department"); d != "" {
		s.Departments = append(s.Departments, d)
	}
	for _, d := range rec.GetStringSlice("departments") {
		if !slices.Contains(s.Departments, d) {
			s.Departments = append(s.Departments, d)
		}
	}
	return s, true
}

// Sees reports whether s may see and work on req.
func (s *Staff) Sees(req *core.Record) bool {
	return s.Clerk || slices.Contains(s.Departments, req.GetString("department"))
}

// UserID is the staff member's users id, for relations to users (authors,
// assignees); "" for the clerk, who is not a user.
func (s *Staff) UserID() string {
	if s.Clerk {
		return ""
	}
	return s.ID
}
