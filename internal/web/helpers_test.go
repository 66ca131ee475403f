package web_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/town"
)

func townStore(t testing.TB, app core.App) *town.Store {
	s := town.NewStore(app, func(string) bool { return true })
	s.Reload()
	return s
}

func year() string {
	return strconv.Itoa(time.Now().In(alderCreek).Year())
}

// demoResident is the demo town's resident, María (Spanish).
func demoResident(t testing.TB, app core.App) *core.Record {
	t.Helper()
	u, err := app.FindAuthRecordByEmail("users", "resident@aldercreek.example")
	if err != nil {
		t.Fatal(err)
	}
	return u
}
