package booking_test

import (
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"
)

// registration is a registration saved as the clerk saves one in the admin
// UI: straight to the collection, with no fee and no status.
func (en *env) registration(t testing.TB, session, member string) (*core.Record, error) {
	t.Helper()
	col, err := en.app.FindCollectionByNameOrId("registrations")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"session": session, "member": member, "resident": en.resident.Id, "status": "registered"})
	return r, en.app.Save(r)
}

// A registration made in the admin UI follows the site's rules: a child
// outside the session's ages is refused beside the member field, the fee is
// the session's, and a full session waitlists.
func TestDashboardRegistrationFollowsTheRules(t *testing.T) {
	en := newEnv(t, local(2026, 2, 10, 9, 0))
	s := en.session(t, 1) // ages 6 to 9, $40, one place
	young := en.child(t, en.resident, "Ana", "2021-06-01")
	_, err := en.registration(t, s.Id, young)
	if err == nil || !strings.Contains(err.Error(), "ages 6 to 9") {
		t.Fatalf("a 4-year-old in the ages 6 to 9 session: %v", err)
	}
	n, err := en.app.CountRecords("registrations")
	if err != nil || n != 0 {
		t.Fatalf("registrations after a refusal: %d %v", n, err)
	}
	first, err := en.registration(t, s.Id, en.child(t, en.resident, "Luis", "2018-05-01"))
	if err != nil {
		t.Fatal(err)
	}
	if first.GetFloat("fee") != 40 || first.GetString("status") != "registered" {
		t.Errorf("first registration: fee %v status %q, want 40 registered", first.GetFloat("fee"), first.GetString("status"))
	}
	second, err := en.registration(t, s.Id, en.child(t, en.resident, "Eva", "2019-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	if second.GetString("status") != "waitlisted" {
		t.Errorf("second registration for one place: %q, want waitlisted", second.GetString("status"))
	}
	other := en.user(t, "other@example.com", "en")
	if _, err := en.registration(t, s.Id, en.child(t, other, "Zoe", "2018-01-01")); err == nil {
		t.Error("a member of another household was registered for this resident")
	}
}
