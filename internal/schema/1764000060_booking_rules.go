package schema

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Booking rules the first facilities migration left out: how soon a booking
// may start and until when a resident may cancel it; the language a
// reservation was made in; and a guard in the database itself so that an
// approved reservation never overlaps another live one of its facility,
// whoever writes it (the site, the API, the clerk in the admin UI).
func init() {
	migrations.Register(steps(
		alter("facilities", func(c *core.Collection) {
			zero := types.Pointer(0.0)
			c.Fields.Add(
				&core.NumberField{Name: "notice_hours", OnlyInt: true, Min: zero, Help: "How many hours ahead a booking must be made (0: any time before it starts)."},
				&core.NumberField{Name: "cancel_hours", OnlyInt: true, Min: zero, Help: "Residents may cancel online until this many hours before the start; after that, they call the clerk."},
			)
		}),
		alter("reservations", func(c *core.Collection) {
			c.Fields.Add(
				&core.TextField{Name: "language", Max: 10, Pattern: languagePattern, Help: "Language the resident booked in; emails use their profile language first."},
				&core.DateField{Name: "cancelled_at"},
			)
			c.AddIndex("idx_reservations_status_starts", false, "status, starts", "")
		}),
		exec(noOverlapTriggers...),
	), exec("DROP TRIGGER IF EXISTS reservations_no_overlap_insert", "DROP TRIGGER IF EXISTS reservations_no_overlap_update"))
}

// noOverlapTriggers refuse an approved reservation that overlaps a pending
// or approved one of the same facility, and a pending one that overlaps an
// approved one. Two pending requests for one time are refused by the booking
// rules (in one transaction), not here: the clerk may still have to choose
// between requests entered by hand. Dates are stored as UTC text of one
// fixed layout, so comparing the text compares the times.
var noOverlapTriggers = []string{
	`CREATE TRIGGER IF NOT EXISTS reservations_no_overlap_insert BEFORE INSERT ON reservations
	WHEN NEW.status IN ('pending', 'approved')
	BEGIN
		SELECT RAISE(ABORT, 'the facility is already reserved at that time')
		WHERE EXISTS (SELECT 1 FROM reservations r WHERE r.facility = NEW.facility
			AND r.status IN ('pending', 'approved') AND (NEW.status = 'approved' OR r.status = 'approved')
			AND r.starts < NEW.ends AND r.ends > NEW.starts);
	END`,
	`CREATE TRIGGER IF NOT EXISTS reservations_no_overlap_update BEFORE UPDATE OF facility, starts, ends, status ON reservations
	WHEN NEW.status IN ('pending', 'approved')
	BEGIN
		SELECT RAISE(ABORT, 'the facility is already reserved at that time')
		WHERE EXISTS (SELECT 1 FROM reservations r WHERE r.id != NEW.id AND r.facility = NEW.facility
			AND r.status IN ('pending', 'approved') AND (NEW.status = 'approved' OR r.status = 'approved')
			AND r.starts < NEW.ends AND r.ends > NEW.starts);
	END`,
}
