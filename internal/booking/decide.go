package booking

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/pocketbase/pocketbase/core"
)

// MaxDecisionNote is the longest note the clerk may send with a decision.
const MaxDecisionNote = 1000

// Message ids of the clerk's decisions.
const (
	MsgDecisionNote     = "booking.error.decision_note"
	MsgDecisionNoteLong = "booking.error.decision_note_long"
	MsgNotPending       = "booking.error.not_pending"
)

// Decide approves or declines a pending reservation with the clerk's note
// (a decline needs one: the resident is told why). An approval is checked
// again, in the transaction that writes it, against the other bookings, so
// approving never double-books. The resident's email, in their language,
// is queued by the reservation's hooks in the same transaction. A refusal
// is a *RuleError on the field "note".
func (d *Domain) Decide(app core.App, id string, approve bool, note string) (*core.Record, error) {
	note = strings.TrimSpace(note)
	re := &RuleError{}
	switch {
	case !approve && note == "":
		re.add("note", MsgDecisionNote, nil)
	case utf8.RuneCountInString(note) > MaxDecisionNote:
		re.add("note", MsgDecisionNoteLong, map[string]any{"Max": MaxDecisionNote})
	}
	if err := re.orNil(); err != nil {
		return nil, err
	}
	var rec *core.Record
	err := app.RunInTransaction(func(tx core.App) error {
		r, err := tx.FindRecordById(Reservations, id)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return fmt.Errorf("find reservation %s: %w", id, err)
		}
		if r.GetString("status") != StatusPending {
			re.add("note", MsgNotPending, nil)
			return re
		}
		status := StatusDeclined
		if approve {
			if err := d.stillFree(tx, r); err != nil {
				return err
			}
			status = StatusApproved
		}
		r.Set("status", status)
		r.Set("decision_note", note)
		rec = r
		return tx.SaveWithContext(context.WithValue(context.Background(), viaReserve, true), r)
	})
	return rec, err
}

// stillFree checks that nothing else took r's time (and its buffer).
func (d *Domain) stillFree(tx core.App, r *core.Record) error {
	f, err := d.facilityByID(tx, r.GetString("facility"), "")
	if err != nil {
		return err
	}
	want := Interval{r.GetDateTime("starts").Time(), r.GetDateTime("ends").Time()}
	hit, direct, err := d.conflict(tx, f, want, r.Id)
	if err != nil {
		return err
	}
	if hit {
		te := takenError(f, direct)
		te.Problems[0].Field = "note"
		return te
	}
	return nil
}
