package booking

import (
	"errors"
	"strings"
)

// Problem is one thing wrong with what a resident asked for, as a locale
// message id and its data, so every channel can say it in the resident's
// language.
type Problem struct {
	Field   string         // the form field it belongs to: date, start, end, purpose, attendees, member, …
	Message string         // locale id, e.g. booking.error.outside_hours
	Data    map[string]any // template data for the message
}

// RuleError lists everything wrong with a booking or registration.
type RuleError struct {
	Problems []Problem
}

func (e *RuleError) Error() string {
	var b strings.Builder
	b.WriteString("booking refused:")
	for _, p := range e.Problems {
		b.WriteString(" " + p.Field + ": " + p.Message + ";")
	}
	return b.String()
}

func (e *RuleError) add(field, msg string, data map[string]any) {
	e.Problems = append(e.Problems, Problem{Field: field, Message: msg, Data: data})
}

// Has reports whether the error names msg.
func (e *RuleError) Has(msg string) bool {
	for _, p := range e.Problems {
		if p.Message == msg {
			return true
		}
	}
	return false
}

func (e *RuleError) orNil() error {
	if e == nil || len(e.Problems) == 0 {
		return nil
	}
	return e
}

// AsRuleError returns err's RuleError, if it is one.
func AsRuleError(err error) (*RuleError, bool) {
	var re *RuleError
	ok := errors.As(err, &re)
	return re, ok
}

// ErrNotFound is returned for a facility, program, session or reservation
// that does not exist, is not active, or is not the resident's.
var ErrNotFound = errors.New("booking: not found")

// Message ids of the rules, also the keys in locales/booking.*.toml.
const (
	MsgDateRequired   = "booking.error.date"
	MsgTimeRequired   = "booking.error.time"
	MsgNoSuchTime     = "booking.error.no_such_time"
	MsgEndBeforeStart = "booking.error.end_before_start"
	MsgPast           = "booking.error.past"
	MsgTooSoon        = "booking.error.too_soon"
	MsgTooSoonDays    = "booking.error.too_soon_days"
	MsgBeyondWindow   = "booking.error.beyond_window"
	MsgTooShort       = "booking.error.too_short"
	MsgTooLong        = "booking.error.too_long"
	MsgOutsideHours   = "booking.error.outside_hours"
	MsgClosed         = "booking.error.closed"
	MsgTaken          = "booking.error.taken"
	MsgBuffer         = "booking.error.buffer"
	MsgPurpose        = "booking.error.purpose"
	MsgPurposeLong    = "booking.error.purpose_long"
	MsgAttendees      = "booking.error.attendees"
	MsgOverCapacity   = "booking.error.over_capacity"
	MsgCancelTooLate  = "booking.error.cancel_too_late"
	MsgNotCancellable = "booking.error.not_cancellable"

	MsgChooseMember  = "program.error.choose_member"
	MsgMemberName    = "program.error.member_name"
	MsgBirthdate     = "program.error.birthdate"
	MsgAge           = "program.error.age"
	MsgNotOpenYet    = "program.error.not_open_yet"
	MsgClosedForReg  = "program.error.registration_closed"
	MsgAlreadySigned = "program.error.already_registered"
)

// tooSoon is the notice rule's message and data: in days when the notice is
// whole days ("at least 7 days ahead", not "168 hours").
func tooSoon(hours int) (string, map[string]any) {
	if hours >= 24 && hours%24 == 0 {
		return MsgTooSoonDays, map[string]any{"Count": hours / 24}
	}
	return MsgTooSoon, map[string]any{"Count": hours}
}
