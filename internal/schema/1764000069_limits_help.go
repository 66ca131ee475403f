package schema

import (
	"github.com/pocketbase/pocketbase/migrations"
)

// The help beside the booking limits says what 0 means, which is not the
// same for every field.
func init() {
	help := map[string]map[string]string{
		"facilities": {
			"capacity":       "Most people allowed at once (0: no limit).",
			"min_minutes":    "Shortest booking, in minutes (0: no minimum).",
			"max_minutes":    "Longest booking, in minutes (0: no maximum).",
			"buffer_minutes": "Minutes kept free between bookings, for cleaning or setting up (0: none).",
			"advance_days":   "How many days ahead residents may book (0: no limit).",
			"fee":            "Fee per booking, in dollars (0: free).",
			"cancel_hours":   "Residents may cancel online until this many hours before the start; after that, they call the clerk (0: until it starts).",
		},
		"program_sessions": {
			"min_age":  "Youngest age allowed, on the first day (0: no minimum).",
			"max_age":  "Oldest age allowed, on the first day (0: no maximum).",
			"capacity": "Places; when they are taken, residents join the waitlist (0: waitlist only).",
			"fee":      "Per person, in dollars (0: free).",
		},
	}
	migrations.Register(setHelp(help), nil)
}
