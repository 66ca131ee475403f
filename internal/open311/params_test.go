package open311

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/schema/schematest"
)

func TestListParams(t *testing.T) {
	t.Parallel()
	ny := schematest.Location(t, "America/New_York")
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		query      string
		start, end string // RFC 3339, "" for none
		bad        bool
	}{
		{"", "2025-12-02T12:00:00Z", "", false},
		{"?start_date=2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z", false},
		{"?end_date=2026-02-01T00:00:00-05:00", "2025-11-03T05:00:00Z", "2026-02-01T05:00:00Z", false},
		{"?start_date=2026-01-01&end_date=2026-01-31", "2026-01-01T05:00:00Z", "2026-01-31T05:00:00Z", false},
		{"?start_date=2026-01-01T10:30-05:00", "2026-01-01T15:30:00Z", "2026-04-01T15:30:00Z", false},
		{"?start_date=2026-01-01T00:00:00.5Z&end_date=2026-03-31T23:59:59Z", "2026-01-01T00:00:00.5Z", "2026-03-31T23:59:59Z", false},
		{"?start_date=2025-12-01T00:00:00Z&end_date=2026-03-01T00:00:01Z", "", "", true},
		{"?start_date=2026-01-01T00:00:00", "", "", true},
		{"?start_date=01/02/2026", "", "", true},
	} {
		p, err := readListParams(httptest.NewRequest("GET", "/x"+tc.query, nil), ny, now)
		if tc.bad {
			if err == nil {
				t.Errorf("%s: accepted", tc.query)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tc.query, err)
			continue
		}
		if got := p.Start.UTC().Format(time.RFC3339Nano); got != tc.start {
			t.Errorf("%s: start %s, want %s", tc.query, got, tc.start)
		}
		got := ""
		if !p.End.IsZero() {
			got = p.End.UTC().Format(time.RFC3339Nano)
		}
		if got != tc.end {
			t.Errorf("%s: end %s, want %s", tc.query, got, tc.end)
		}
	}
}

func TestCommaList(t *testing.T) {
	t.Parallel()
	got := commaList(" pothole, ,streetlight,pothole,")
	if len(got) != 2 || got[0] != "pothole" || got[1] != "streetlight" {
		t.Errorf("commaList = %q", got)
	}
}

// FuzzListParams: no query string makes the parser panic, and whatever it
// accepts is a window of at most 90 days and a page within bounds.
func FuzzListParams(f *testing.F) {
	for _, s := range []string{"", "start_date=2026-01-01T00:00:00Z&end_date=2026-02-01T00:00:00Z", "page=2&page_size=10",
		"service_request_id=2026-0001,2026-0002&status=open,closed", "start_date=2026-01-01T00:00:00+05:00", "page_size=%00"} {
		f.Add(s)
	}
	now := time.Date(2026, 3, 2, 12, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, q string) {
		r := httptest.NewRequest("GET", "/x", nil)
		r.URL.RawQuery = q
		p, err := readListParams(r, time.UTC, now)
		if err != nil {
			return
		}
		if !p.End.IsZero() && p.End.Sub(p.Start) > maxWindow {
			t.Errorf("%q: window %v", q, p.End.Sub(p.Start))
		}
		if p.Page < 1 || p.PageSize < 1 || p.PageSize > maxPageSize {
			t.Errorf("%q: page %d size %d", q, p.Page, p.PageSize)
		}
	})
}
