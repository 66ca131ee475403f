package requests

import (
	"testing"
	"time"

	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/town"
)

func TestDueDateSkipsClosedDaysInTheTownsZone(t *testing.T) {
	ny := schematest.Location(t, "America/New_York")
	weekdays := []town.Hours{}
	for d := time.Monday; d <= time.Friday; d++ {
		weekdays = append(weekdays, town.Hours{Day: d, Open: "08:00", Close: "16:30"})
	}
	tw := &town.Town{Location: ny, Hours: weekdays}
	cases := []struct {
		from string
		days int
		want string
	}{
		{"2026-11-20T15:00:00-05:00", 1, "2026-11-23T16:30:00-05:00"}, // Friday + 1 → Monday
		{"2026-11-20T15:00:00-05:00", 5, "2026-11-27T16:30:00-05:00"}, // Friday + 5 → next Friday
		{"2026-11-21T03:00:00Z", 1, "2026-11-23T16:30:00-05:00"},      // Friday 22:00 in town, UTC Saturday
		{"2026-11-22T12:00:00-05:00", 0, "2026-11-23T16:30:00-05:00"}, // Sunday, same day → next business day
		{"2026-10-30T10:00:00-04:00", 2, "2026-11-03T16:30:00-05:00"}, // across the end of daylight saving
	}
	for _, c := range cases {
		from, err := time.Parse(time.RFC3339, c.from)
		if err != nil {
			t.Fatal(err)
		}
		want, err := time.Parse(time.RFC3339, c.want)
		if err != nil {
			t.Fatal(err)
		}
		if got := DueDate(tw, from, c.days); !got.Equal(want) {
			t.Errorf("DueDate(%s, %d) = %s, want %s", c.from, c.days, got, want)
		}
	}
}
