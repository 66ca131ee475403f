package requests

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// nextNumber gives out the next request number of year, like 2026-0042,
// from the year's row in request_numbers. It must run in the transaction
// that inserts the request: the row update holds SQLite's one write lock
// until the request is stored, so numbers come out in order with no gaps,
// and a rolled-back request gives its number back.
func nextNumber(tx core.App, year int) (string, error) {
	bump := tx.DB().NewQuery(`UPDATE request_numbers SET last = last + 1 WHERE year = {:year} RETURNING last`).
		Bind(dbx.Params{"year": year})
	var last int
	err := bump.Row(&last)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err = startYear(tx, year, 0); err == nil {
			err = bump.Row(&last)
		}
	}
	if err != nil {
		return "", fmt.Errorf("next request number: %w", err)
	}
	return fmt.Sprintf("%d-%04d", year, last), nil
}

// storedLast is the highest number of year among the requests stored,
// for a year that has no row yet (requests imported or numbered by hand).
func storedLast(tx core.App, year int) (int, error) {
	prefix := fmt.Sprintf("%d-", year)
	var last int
	err := tx.DB().NewQuery(`SELECT COALESCE(MAX(CAST(substr(number, {:from}) AS INTEGER)), 0)
		FROM requests WHERE number LIKE {:like}`).
		Bind(dbx.Params{"from": len(prefix) + 1, "like": prefix + "%"}).Row(&last)
	return last, err
}

// startYear adds the year's row, holding the last number of the requests
// of that year already stored, or floor if higher, and returns it.
func startYear(tx core.App, year, floor int) (int, error) {
	last, err := storedLast(tx, year)
	if err != nil {
		return 0, err
	}
	last = max(last, floor)
	_, err = tx.DB().NewQuery(`INSERT INTO request_numbers (id, year, last) VALUES ({:id}, {:year}, {:last})`).
		Bind(dbx.Params{"id": core.GenerateDefaultRandomId(), "year": year, "last": last}).Execute()
	return last, err
}

// keepAhead moves the year's counter up to a number the clerk typed in
// (2026-0100), so that the next request does not collide with it.
func keepAhead(tx core.App, number string) error {
	y, n, ok := strings.Cut(number, "-")
	year, err1 := strconv.Atoi(y)
	seq, err2 := strconv.Atoi(n)
	if !ok || err1 != nil || err2 != nil {
		return nil
	}
	res, err := tx.DB().NewQuery(`UPDATE request_numbers SET last = MAX(last, {:seq}) WHERE year = {:year}`).
		Bind(dbx.Params{"year": year, "seq": seq}).Execute()
	if err != nil {
		return fmt.Errorf("keep request numbers ahead: %w", err)
	}
	if rows, err := res.RowsAffected(); err == nil && rows == 0 {
		_, err = startYear(tx, year, seq)
		return err
	}
	return nil
}
