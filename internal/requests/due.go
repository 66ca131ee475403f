package requests

import (
	"time"

	"github.com/townhall/townhall/internal/town"
)

// DueDate is days business days after from, at the close of that day, in
// the town's time zone. Business days are the days the town lists office
// hours for; a town with none listed works Monday to Friday until 17:00.
func DueDate(t *town.Town, from time.Time, days int) time.Time {
	hours := t.Hours
	if len(hours) == 0 {
		for d := time.Monday; d <= time.Friday; d++ {
			hours = append(hours, town.Hours{Day: d, Open: "09:00", Close: "17:00"})
		}
	}
	closeAt := map[time.Weekday]string{}
	for _, h := range hours {
		closeAt[h.Day] = h.Close
	}
	day := from.In(t.Location)
	for n := 0; n < days; {
		day = day.AddDate(0, 0, 1)
		if _, open := closeAt[day.Weekday()]; open {
			n++
		}
	}
	for days == 0 {
		if _, open := closeAt[day.Weekday()]; open {
			break
		}
		day = day.AddDate(0, 0, 1)
	}
	c, err := time.Parse("15:04", closeAt[day.Weekday()])
	if err != nil {
		c = time.Date(0, 1, 1, 17, 0, 0, 0, time.UTC)
	}
	return time.Date(day.Year(), day.Month(), day.Day(), c.Hour(), c.Minute(), 0, 0, t.Location)
}
