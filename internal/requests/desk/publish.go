package desk

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// Publication is what the public may see of a request: whether it is shown
// at all, and the description and address they read (empty: the masked
// description, or none for email, and the street without the number).
type Publication struct {
	Public      bool
	Description string
	Address     string
}

// Publish shows or hides req on the public site, with its public
// description and address, and notes the change on the timeline with note
// (in the staff member's words).
func (s *Staff) Publish(app core.App, req *core.Record, p Publication, note string) error {
	p.Description, p.Address = strings.TrimSpace(p.Description), requests.CleanLine(p.Address)
	if utf8.RuneCountInString(p.Description) > requests.MaxDescription || utf8.RuneCountInString(p.Address) > requests.MaxAddress {
		return ErrTooLong
	}
	return app.RunInTransaction(func(tx core.App) error {
		fresh, err := tx.FindRecordById("requests", req.Id)
		if err != nil {
			return err
		}
		fresh.Set("public", p.Public)
		fresh.Set("published_description", p.Description)
		fresh.Set("published_address", p.Address)
		if err := tx.Save(fresh); err != nil {
			return fmt.Errorf("publish %s: %w", req.GetString("number"), err)
		}
		return s.update(tx, fresh, "note", "", note, "")
	})
}

// MarkDuplicate closes req as a duplicate of the request numbered orig,
// with publicNote to its reporter (in their language: which request, with
// its link). The requests rules have the reporter follow the original, by
// their account or by the email address they gave.
func (s *Staff) MarkDuplicate(app core.App, req *core.Record, orig, publicNote, publicName string) error {
	o, err := requests.ByNumber(app, strings.TrimSpace(orig))
	if err != nil || !s.Sees(o) {
		return ErrNoSuchRequest
	}
	if o.Id == req.Id {
		return ErrSelfDuplicate
	}
	if req.GetString("duplicate_of") == o.Id {
		return ErrAlreadyDuplicate
	}
	return app.RunInTransaction(func(tx core.App) error {
		kind, status := "comment", ""
		if requests.IsOpen(req.GetString("status")) {
			kind, status = "status", requests.StatusClosed
		}
		if err := s.update(tx, req, kind, status, publicNote, publicName); err != nil {
			return err
		}
		fresh, err := tx.FindRecordById("requests", req.Id)
		if err != nil {
			return err
		}
		fresh.Set("duplicate_of", o.Id)
		if err := tx.Save(fresh); err != nil {
			return fmt.Errorf("mark %s a duplicate: %w", req.GetString("number"), err)
		}
		return nil
	})
}
