package booking

import (
	"bytes"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// The iCalendar writer (RFC 5545) is small and written here rather than
// taken from a library: neither Go library in reach writes a VTIMEZONE from
// Go's zone database, which is the part that matters for a town's events,
// and the rest (CRLF, 75-octet folding, escaping) is a few lines. The tests
// read its output back with a real parser.

// Calendar is an iCalendar object: a feed or a single booking's file.
type Calendar struct {
	ProdID   string         // e.g. -//Town of Alder Creek//Townhall//EN
	Method   string         // PUBLISH or CANCEL (RFC 5546); empty for none
	Name     string         // X-WR-CALNAME, the name calendar apps show for a feed
	Location *time.Location // event times are written in this zone, with its VTIMEZONE
	Events   []Event
}

// Event is one VEVENT.
type Event struct {
	UID                            string    // stable: the same event always has the same UID
	Stamp                          time.Time // DTSTAMP: when this version of the event was made
	Start, End                     time.Time
	Summary, Description, Location string
	Status                         string // TENTATIVE, CONFIRMED or CANCELLED
	Sequence                       int    // revision, raised when a booking changes
	URL                            string
	OrganizerName, OrganizerEmail  string
}

// Bytes writes the calendar: CRLF line ends, lines folded at 75 octets.
func (c *Calendar) Bytes() []byte {
	w := &icsWriter{}
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	w.line("PRODID:" + c.ProdID)
	w.line("CALSCALE:GREGORIAN")
	if c.Method != "" {
		w.line("METHOD:" + c.Method)
	}
	if c.Name != "" {
		w.line("X-WR-CALNAME:" + escapeText(c.Name))
	}
	loc := c.Location
	if loc == nil {
		loc = time.UTC
	}
	if loc != time.UTC && len(c.Events) > 0 {
		w.line("X-WR-TIMEZONE:" + loc.String())
		c.writeZone(w, loc)
	}
	for _, e := range c.Events {
		writeEvent(w, e, loc)
	}
	w.line("END:VCALENDAR")
	return w.buf.Bytes()
}

func writeEvent(w *icsWriter, e Event, loc *time.Location) {
	w.line("BEGIN:VEVENT")
	w.line("UID:" + e.UID)
	w.line("DTSTAMP:" + utcStamp(e.Stamp))
	w.line("DTSTART" + zoned(e.Start, loc))
	w.line("DTEND" + zoned(e.End, loc))
	w.line("SUMMARY:" + escapeText(e.Summary))
	if e.Description != "" {
		w.line("DESCRIPTION:" + escapeText(e.Description))
	}
	if e.Location != "" {
		w.line("LOCATION:" + escapeText(e.Location))
	}
	if e.Status != "" {
		w.line("STATUS:" + e.Status)
	}
	w.line(fmt.Sprintf("SEQUENCE:%d", e.Sequence))
	if e.URL != "" {
		w.line("URL:" + e.URL)
	}
	if e.OrganizerEmail != "" {
		w.line("ORGANIZER;CN=" + quoteParam(e.OrganizerName) + ":mailto:" + e.OrganizerEmail)
	}
	w.line("END:VEVENT")
}

func utcStamp(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// zoned is ";TZID=<zone>:<local time>", or ":<UTC time>Z" in UTC.
func zoned(t time.Time, loc *time.Location) string {
	if loc == time.UTC {
		return ":" + utcStamp(t)
	}
	return ";TZID=" + loc.String() + ":" + t.In(loc).Format("20060102T150405")
}

// writeZone writes loc's VTIMEZONE with every change of offset from a year
// before the first event to the last, so every event's time is covered.
func (c *Calendar) writeZone(w *icsWriter, loc *time.Location) {
	first, last := c.Events[0].Start, c.Events[0].End
	for _, e := range c.Events {
		if e.Start.Before(first) {
			first = e.Start
		}
		if e.End.After(last) {
			last = e.End
		}
	}
	w.line("BEGIN:VTIMEZONE")
	w.line("TZID:" + loc.String())
	changes := transitions(loc, first.AddDate(-1, 0, 0), last)
	if len(changes) == 0 {
		name, off := first.In(loc).Zone()
		writeObservance(w, "STANDARD", time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), off, off, name)
	}
	for _, t := range changes {
		kind := "STANDARD"
		if t.In(loc).IsDST() {
			kind = "DAYLIGHT"
		}
		_, before := t.Add(-time.Second).In(loc).Zone()
		name, after := t.In(loc).Zone()
		// An observance starts at the local time in the offset before it.
		writeObservance(w, kind, t.Add(time.Duration(before)*time.Second).UTC(), before, after, name)
	}
	w.line("END:VTIMEZONE")
}

func writeObservance(w *icsWriter, kind string, localStart time.Time, from, to int, name string) {
	w.line("BEGIN:" + kind)
	w.line("DTSTART:" + localStart.Format("20060102T150405"))
	w.line("TZOFFSETFROM:" + offset(from))
	w.line("TZOFFSETTO:" + offset(to))
	w.line("TZNAME:" + escapeText(name))
	w.line("END:" + kind)
}

func offset(sec int) string {
	sign := "+"
	if sec < 0 {
		sign, sec = "-", -sec
	}
	return fmt.Sprintf("%s%02d%02d", sign, sec/3600, sec/60%60)
}

// transitions finds the instants loc's offset changes between from and to:
// a daily scan, then a binary search to the second.
func transitions(loc *time.Location, from, to time.Time) []time.Time {
	var out []time.Time
	_, prev := from.In(loc).Zone()
	for t := from; t.Before(to); {
		next := t.Add(24 * time.Hour)
		if _, off := next.In(loc).Zone(); off != prev {
			lo, hi := t, next
			for hi.Sub(lo) > time.Second {
				mid := lo.Add(hi.Sub(lo) / 2)
				if _, o := mid.In(loc).Zone(); o == prev {
					lo = mid
				} else {
					hi = mid
				}
			}
			out = append(out, hi.Truncate(time.Second))
			prev = off
		}
		t = next
	}
	return out
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11).
func escapeText(s string) string {
	return strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", "").Replace(s)
}

// quoteParam makes a parameter value safe: quoted, without quotes inside.
func quoteParam(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '"' || r < ' ' {
			return -1
		}
		return r
	}, s)
	return `"` + s + `"`
}

type icsWriter struct{ buf bytes.Buffer }

// line writes one content line, folded so no line is longer than 75 octets
// and no UTF-8 character is split, ending in CRLF.
func (w *icsWriter) line(s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.buf.WriteString(s[:cut] + "\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.buf.WriteString(s + "\r\n")
}
