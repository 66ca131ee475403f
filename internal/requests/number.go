package requests

import (
	"fmt"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// nextNumber returns the next request number of year, like 2026-0042. It
// must run in the transaction that inserts the request: SQLite has one
// writer, so numbers come out in order with no gaps, and a rolled-back
// request gives its number back.
func nextNumber(tx core.App, year int) (string, error) {
	prefix := fmt.Sprintf("%d-", year)
	var last int
	err := tx.DB().NewQuery(`SELECT COALESCE(MAX(CAST(substr(number, {:from}) AS INTEGER)), 0)
		FROM requests WHERE number LIKE {:like}`).
		Bind(dbx.Params{"from": len(prefix) + 1, "like": prefix + "%"}).Row(&last)
	if err != nil {
		return "", fmt.Errorf("next request number: %w", err)
	}
	return fmt.Sprintf("%s%04d", prefix, last+1), nil
}

// isNumberTaken reports whether err is the unique index on number refusing
// a duplicate, which only happens to a request created outside a
// transaction (the admin UI) racing another.
func isNumberTaken(err error) bool {
	return err != nil && strings.Contains(err.Error(), "requests.number")
}
