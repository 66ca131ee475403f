package desk

import (
	"errors"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// Priorities a request can have ("" is normal).
var Priorities = []string{"low", "normal", "high", "urgent"}

// Statuses staff can set, in workflow order.
var Statuses = []string{requests.StatusNew, requests.StatusInProgress, requests.StatusWaiting, requests.StatusResolved, requests.StatusClosed}

// Errors from the desk's actions; the pages show each beside its field.
var (
	ErrSameStatus    = errors.New("the request already has this status")
	ErrBadStatus     = errors.New("unknown status")
	ErrBadPriority   = errors.New("unknown priority")
	ErrNotAssignable = errors.New("not a staff member of the request's department")
	ErrTooLong       = errors.New("the text is too long")

	// Publishing, marking duplicates and filling in answers.
	ErrNoSuchRequest    = errors.New("no request with this number")
	ErrSelfDuplicate    = errors.New("a request cannot duplicate itself")
	ErrAlreadyDuplicate = errors.New("the request is already marked a duplicate of this one")
	ErrNothingAnswered  = errors.New("no answer was given")
	ErrBadTemplate      = errors.New("no such reply template")
)

// MaxBody is the longest note or reply, as request_updates stores it.
const MaxBody = 10_000

// update records an entry on req by s through the requests rules, so the
// request changes and notify queues the messages in the same transaction.
// Public entries carry the department's name, not the staff member's.
func (s *Staff) update(app core.App, req *core.Record, kind, status, body, publicName string) error {
	if len([]rune(strings.TrimSpace(body))) > MaxBody {
		return ErrTooLong
	}
	name := publicName
	if kind == "note" {
		name = s.Name
	}
	_, err := requests.AddUpdate(app, requests.Update{RequestID: req.Id, Kind: kind, Status: status, Body: body,
		AuthorID: s.UserID(), AuthorName: name})
	return err
}

// SetStatus changes req's status, with an optional public note that goes to
// the reporter and followers with the change.
func (s *Staff) SetStatus(app core.App, req *core.Record, status, note, publicName string) error {
	if !slices.Contains(Statuses, status) {
		return ErrBadStatus
	}
	if status == req.GetString("status") {
		return ErrSameStatus
	}
	return s.update(app, req, "status", status, note, publicName)
}

// Reply adds a public comment (sent to the reporter and followers in their
// languages) or, when internal, a note only staff see.
func (s *Staff) Reply(app core.App, req *core.Record, body string, internal bool, publicName string) error {
	kind := "comment"
	if internal {
		kind = "note"
	}
	return s.update(app, req, kind, "", body, publicName)
}

// Assign gives req to a staff member of its department; "" unassigns.
func (s *Staff) Assign(app core.App, req *core.Record, userID string) error {
	if userID != "" {
		staff, err := Assignable(app, req)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(staff, func(u *core.Record) bool { return u.Id == userID }) {
			return ErrNotAssignable
		}
	}
	req.Set("assignee", userID)
	return app.Save(req)
}

// SetPriority sets req's priority.
func (s *Staff) SetPriority(app core.App, req *core.Record, p string) error {
	if !slices.Contains(Priorities, p) {
		return ErrBadPriority
	}
	req.Set("priority", p)
	return app.Save(req)
}
