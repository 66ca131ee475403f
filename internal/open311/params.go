package open311

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Limits of GET requests: the spec's default window and volume, and the
// page_size extension's bounds. A query without page_size gets a page of
// defaultPageSize (the spec lets a server limit its answer): a client
// asking for nothing in particular gets a quick answer, not a 90-day dump.
const (
	maxWindow       = 90 * 24 * time.Hour
	maxPageSize     = 1000
	defaultPageSize = 100
	maxIDs          = 1000
)

// listParams are GET requests' filters, read and checked.
type listParams struct {
	IDs          []string // service_request_id: overrides everything else
	ServiceCodes []string
	Start, End   time.Time // on requested_datetime; End may be zero (now)
	Statuses     []string  // open, closed
	Page         int       // from 1
	PageSize     int
	Extensions   bool
}

// readListParams checks every filter. Dates are W3C date-times with a time
// zone; a date alone means midnight in the town's time zone.
func readListParams(r *http.Request, loc *time.Location, now time.Time) (listParams, error) {
	p := listParams{Page: 1, PageSize: defaultPageSize, Extensions: query(r, "extensions") == "true"}
	p.IDs = commaList(query(r, "service_request_id"))
	if len(p.IDs) > maxIDs {
		return p, badRequest("service_request_id lists at most %d ids.", maxIDs)
	}
	p.ServiceCodes = commaList(query(r, "service_code"))
	p.Statuses = commaList(query(r, "status"))
	for _, s := range p.Statuses {
		if s != "open" && s != "closed" {
			return p, badRequest("status must be open, closed or both (open,closed), not %q.", s)
		}
	}
	var err error
	if p.Start, err = w3cParam(r, "start_date", loc); err != nil {
		return p, err
	}
	if p.End, err = w3cParam(r, "end_date", loc); err != nil {
		return p, err
	}
	if err := p.window(now); err != nil {
		return p, err
	}
	if p.Page, err = intParam(r, "page", 1, 1, math.MaxInt32); err != nil {
		return p, err
	}
	if p.PageSize, err = intParam(r, "page_size", defaultPageSize, 1, maxPageSize); err != nil {
		return p, err
	}
	return p, nil
}

// window applies the spec's 90 days: the most recent 90 days when no date
// is given, 90 days from a start or up to an end given alone, and no more
// than 90 days between the two.
func (p *listParams) window(now time.Time) error {
	switch {
	case p.Start.IsZero() && p.End.IsZero():
		p.Start = now.Add(-maxWindow)
	case p.End.IsZero():
		p.End = p.Start.Add(maxWindow)
	case p.Start.IsZero():
		p.Start = p.End.Add(-maxWindow)
	case p.End.Before(p.Start):
		return badRequest("end_date is before start_date.")
	case p.End.Sub(p.Start) > maxWindow:
		return badRequest("start_date and end_date may not span more than 90 days.")
	}
	return nil
}

// w3cLayouts are the W3C-DTF forms with a time zone, most precise first.
var w3cLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00"}

func w3cParam(r *http.Request, name string, loc *time.Location) (time.Time, error) {
	v := query(r, name)
	if v == "" {
		return time.Time{}, nil
	}
	// A "+" in a query string is a space: put back the offset's sign.
	v = strings.Replace(v, " ", "+", 1)
	for _, layout := range w3cLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	if t, err := time.ParseInLocation(time.DateOnly, v, loc); err == nil {
		return t, nil
	}
	return time.Time{}, badRequest("%s must be a W3C date-time with a time zone, e.g. 2010-01-01T00:00:00Z, not %q.", name, v)
}

func intParam(r *http.Request, name string, def, min, max int) (int, error) {
	v := query(r, name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < min || n > max {
		return 0, badRequest("%s must be a whole number from %d to %d.", name, min, max)
	}
	return n, nil
}

// commaList splits a comma-separated parameter, dropping blanks and repeats.
func commaList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" && !slices.Contains(out, s) {
			out = append(out, s)
		}
	}
	return out
}
