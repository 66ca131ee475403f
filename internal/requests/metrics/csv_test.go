package metrics_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/requests/metrics"
)

// exportCSV is the fixture's March as CSV, read back into rows by column.
func exportCSV(t *testing.T, staff bool, s metrics.Scope) []map[string]string {
	t.Helper()
	app := fixtureApp(t)
	tw := fixtureTown(t)
	march := metrics.Named(metrics.LastMonth, fixtureNow(t), tw.Location)
	x, err := metrics.NewExport(app, tw, "en", march, s, staff, "https://town.example")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := x.Write(app, &buf); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatalf("the export is not CSV: %v", err)
	}
	head := recs[0]
	if !slices.Equal(head[:len(metrics.OpenColumns)], metrics.OpenColumns) {
		t.Errorf("the CSV does not start with the Open311 columns: %v", head)
	}
	if got := slices.Contains(head, "contact_email"); got != staff {
		t.Errorf("contact columns for staff=%v: %v", staff, got)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range head {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// The staff's CSV has every request received in the period, duplicates
// marked, in order of filing, with the contact columns and the figures.
func TestExportForStaff(t *testing.T) {
	rows := exportCSV(t, true, metrics.Scope{})
	var ids []string
	for _, r := range rows {
		ids = append(ids, r["service_request_id"])
	}
	// c b l a g h i d by filing time (h the duplicate, d on 31 March in New York).
	if want := []string{"2026-c", "2026-b", "2026-l", "2026-a", "2026-g", "2026-h", "2026-i", "2026-d"}; !slices.Equal(ids, want) {
		t.Fatalf("rows %v, want %v", ids, want)
	}
	a := rows[3]
	want := map[string]string{
		"status": "closed", "town_status": "resolved", "service_code": "pothole", "service_name": "Pothole",
		"agency_responsible": "Roads", "requested_datetime": "2026-03-06T10:00:00-05:00",
		"updated_datetime": "2026-03-09T10:00:00-04:00", "closed_datetime": "2026-03-09T10:00:00-04:00",
		"days_to_close": "3", "on_time": "true", "satisfaction": "yes", "duplicate": "false",
		"contact_email": "ana@example.com", "contact_phone": "555-867-5309", "address": "31 Mill Street",
		"description": "Call me on 555-867-5309",
	}
	for k, v := range want {
		if a[k] != v {
			t.Errorf("a's %s %q, want %q", k, a[k], v)
		}
	}
	if rows[1]["on_time"] != "false" || rows[5]["duplicate"] != "true" || rows[7]["days_to_close"] != "" {
		t.Errorf("b on time %q, h duplicate %q, d days %q", rows[1]["on_time"], rows[5]["duplicate"], rows[7]["days_to_close"])
	}
	clerk := exportCSV(t, true, metrics.Scope{Departments: []string{"clerk"}})
	if len(clerk) != 1 || clerk[0]["service_request_id"] != "2026-c" {
		t.Errorf("the clerk department's CSV: %v", clerk)
	}
}

// The public CSV holds nothing personal: no contact columns, descriptions
// and addresses as the public pages show them.
func TestExportForThePublic(t *testing.T) {
	rows := exportCSV(t, false, metrics.Scope{})
	if len(rows) != 8 {
		t.Fatalf("%d rows, want 8 (every fixture request is public)", len(rows))
	}
	for _, r := range rows {
		line := strings.Join(slices.Collect(func(yield func(string) bool) {
			for _, v := range r {
				if !yield(v) {
					return
				}
			}
		}), "|")
		for _, personal := range []string{"555-867-5309", "ana@example.com", "Ana", "31 Mill"} {
			if strings.Contains(line, personal) {
				t.Errorf("the public CSV shows %q: %v", personal, r)
			}
		}
	}
	if got := rows[1]["description"]; got != "" {
		t.Errorf("an emailed description is withheld until published, got %q", got)
	}
	if got := rows[0]["address"]; got != "Mill Street" {
		t.Errorf("address %q, want the street only", got)
	}
}
