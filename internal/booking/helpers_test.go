package booking_test

import (
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/townhall/townhall/internal/booking"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/town"
)

func TestMain(m *testing.M) { schematest.Run(m) }

var ny = mustZone("America/New_York")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// env is a town in New York's time zone with one facility, a resident and
// one domain, hooks included, on a clock the test sets.
type env struct {
	app      *tests.TestApp
	d        *booking.Domain
	clock    *clock.Fake
	facility *core.Record
	resident *core.Record
}

// newEnv starts the clock at now (New York time) with a facility open
// every day from 08:00 to 21:00, 1 to 4 hours, no buffer, 90 days ahead.
func newEnv(t testing.TB, now time.Time) *env {
	t.Helper()
	app := schematest.App(t)
	store := town.NewStore(app, func(string) bool { return true })
	en := &env{app: app, clock: clock.NewFake(now)}
	en.d = &booking.Domain{Town: store, Clock: en.clock}
	booking.Register(app, en.d)
	en.create(t, "town", map[string]any{"name": "Testville", "timezone": "America/New_York", "languages": []string{"en", "es"},
		"default_language": "en", "mail_domain": "testville.example", "email": "clerk@testville.example"})
	store.Reload()
	var hours []map[string]any
	for d := 0; d < 7; d++ {
		hours = append(hours, map[string]any{"day": d, "open": "08:00", "close": "21:00"})
	}
	en.facility = en.create(t, "facilities", map[string]any{"name": "Pavilion", "slug": "pavilion", "active": true, "capacity": 60,
		"hours": hours, "min_minutes": 60, "max_minutes": 240, "buffer_minutes": 0, "advance_days": 90, "fee": 40,
		"approval_required": true, "cancel_hours": 48, "translations": map[string]any{"es": map[string]string{"name": "Pabellón"}}})
	en.resident = en.user(t, "maria@example.com", "es")
	return en
}

// create saves a record of collection with data, or fails the test.
func (en *env) create(t testing.TB, collection string, data map[string]any) *core.Record {
	t.Helper()
	return schematest.Create(t, en.app, collection, data)
}

// user saves a verified resident who reads lang.
func (en *env) user(t testing.TB, email, lang string) *core.Record {
	t.Helper()
	return schematest.Resident(t, en.app, email, lang)
}

// set changes facility fields.
func (en *env) set(t testing.TB, data map[string]any) {
	t.Helper()
	en.facility.Load(data)
	if err := en.app.Save(en.facility); err != nil {
		t.Fatal(err)
	}
}

// in is a booking of the facility on date from start to end.
func (en *env) in(date, start, end string) booking.Input {
	return booking.Input{Facility: "pavilion", ResidentID: en.resident.Id, Language: "en", Date: date, Start: start, End: end,
		Purpose: "Graduation party", Attendees: "40"}
}

// local is a New York wall-clock time.
func local(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, ny) }

// problems lists the message ids of a refused booking, or fails.
func problems(t testing.TB, err error) map[string]string {
	t.Helper()
	re, ok := booking.AsRuleError(err)
	if !ok {
		t.Fatalf("want a rule error, got %v", err)
	}
	out := map[string]string{}
	for _, p := range re.Problems {
		out[p.Message] = p.Field
	}
	return out
}
