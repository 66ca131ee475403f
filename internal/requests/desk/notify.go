package desk

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"
)

// How a person on the desk is told of their work (desk_notify.notify).
const (
	NotifyAtOnce = "at_once"
	NotifyDigest = "digest"
)

// ErrBadNotify is a choice that is neither at once nor the digest.
var ErrBadNotify = errors.New("desk: choose at once or the digest")

// Notify is how s asked to be told: NotifyAtOnce (also when they never
// chose) or NotifyDigest.
func (s *Staff) Notify(app core.App) (string, error) {
	r, err := app.FindFirstRecordByData("desk_notify", "person", s.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return NotifyAtOnce, nil
	} else if err != nil {
		return "", fmt.Errorf("read notify choice: %w", err)
	}
	return r.GetString("notify"), nil
}

// SetNotify stores s's choice, with the language of the clerk's emails. A
// staff member who chooses the digest but gets none is given the daily
// staff digest, so the choice never means silence.
func (s *Staff) SetNotify(app core.App, choice, lang string) error {
	if choice != NotifyAtOnce && choice != NotifyDigest {
		return ErrBadNotify
	}
	return app.RunInTransaction(func(tx core.App) error {
		r, err := tx.FindFirstRecordByData("desk_notify", "person", s.ID)
		if errors.Is(err, sql.ErrNoRows) {
			col, cerr := tx.FindCachedCollectionByNameOrId("desk_notify")
			if cerr != nil {
				return cerr
			}
			r, err = core.NewRecord(col), nil
		}
		if err != nil {
			return err
		}
		r.Load(map[string]any{"person": s.ID, "notify": choice, "language": lang})
		if err := tx.Save(r); err != nil {
			return fmt.Errorf("save notify choice: %w", err)
		}
		if s.Clerk || choice != NotifyDigest {
			return nil
		}
		u, err := tx.FindRecordById("users", s.ID)
		if err != nil {
			return err
		}
		if d := u.GetString("digest"); d == "daily" || d == "weekly" {
			return nil
		}
		u.Set("digest", "daily")
		return tx.Save(u)
	})
}
