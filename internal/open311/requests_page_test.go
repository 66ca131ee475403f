package open311_test

import (
	"strings"
	"testing"
	"time"

	"github.com/townhall/townhall/internal/open311"
	"github.com/townhall/townhall/internal/requests/bulk"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// A query with no page_size gets a page of 100, newest first; page_size
// still asks for up to 1,000.
func TestGetRequestsDefaultPage(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	if _, err := bulk.Requests(s.app, 170, time.Now()); err != nil {
		t.Fatal(err)
	}
	got := s.getRequests(t, api+"/requests.json", "json")
	if len(got) != 100 {
		t.Fatalf("%d requests in the default page, want 100", len(got))
	}
	if all := s.getRequests(t, api+"/requests.json?page_size=1000", "json"); len(all) <= 100 {
		t.Errorf("page_size=1000 gave %d", len(all))
	}
	if next := s.getRequests(t, api+"/requests.json?page=2", "json"); len(next) == 0 || next[0].ID == got[99].ID {
		t.Errorf("page 2 starts with %v after %s", ids(next[:min(1, len(next))]), got[99].ID)
	}
}

// Each filter of GET requests reads the public list index within the date
// window: no table scan, no sort.
func TestGetRequestsUsesAnIndex(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	for _, q := range []string{"", "status=open", "status=closed", "status=open,closed", "service_code=pothole",
		"service_code=pothole,streetlight&status=closed", "start_date=2026-01-01T00:00:00Z&end_date=2026-02-01T00:00:00Z",
		"end_date=2026-02-01T00:00:00Z&status=open&page=40&page_size=20"} {
		sql, err := open311.ListQuery(s.app, q, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		index := "idx_requests_public_list"
		if strings.Contains(q, "status=open") && !strings.Contains(q, "status=open,") {
			index = "idx_requests_public_open"
		}
		schematest.AssertIndexed(t, s.app, "requests?"+q, index, sql.SQL(), sql.Params())
	}
}
