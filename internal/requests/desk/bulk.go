package desk

import (
	"errors"
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// ErrNoneChosen is a bulk action with no request chosen.
var ErrNoneChosen = errors.New("no request chosen")

// BulkError is a bulk action refused on one request; nothing was changed
// on any of them.
type BulkError struct {
	Number string
	Err    error
}

func (e *BulkError) Error() string { return "request " + e.Number + ": " + e.Err.Error() }
func (e *BulkError) Unwrap() error { return e.Err }

// Bulk applies do to each request numbered in numbers that s sees, in one
// transaction: all change, or none. A request s does not see counts as not
// found.
func (s *Staff) Bulk(app core.App, numbers []string, do func(tx core.App, req *core.Record) error) error {
	if len(numbers) == 0 {
		return ErrNoneChosen
	}
	return app.RunInTransaction(func(tx core.App) error {
		for _, n := range numbers {
			req, err := requests.ByNumber(tx, n)
			if err != nil || !s.Sees(req) {
				return &BulkError{n, ErrNoSuchRequest}
			}
			if err := do(tx, req); err != nil {
				return &BulkError{n, err}
			}
		}
		return nil
	})
}

// StaffMembers are the verified staff s can give requests to: every staff
// member for the clerk, else those of s's departments; by name.
func (s *Staff) StaffMembers(app core.App) ([]*core.Record, error) {
	filter, params := "role = 'staff' && verified = true", dbx.Params{}
	if !s.Clerk {
		if len(s.Departments) == 0 {
			return nil, nil
		}
		var any []string
		for i, d := range s.Departments {
			k := fmt.Sprintf("d%d", i)
			params[k] = d
			any = append(any, "department = {:"+k+"} || departments ~ {:"+k+"}")
		}
		filter += " && (" + strings.Join(any, " || ") + ")"
	}
	recs, err := app.FindRecordsByFilter("users", filter, "name,email", 0, 0, params)
	if err != nil {
		return nil, fmt.Errorf("staff members: %w", err)
	}
	return recs, nil
}
