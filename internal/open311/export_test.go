package open311

import (
	"net/http/httptest"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// ListQuery is the query GET requests runs for the query string q at now.
func ListQuery(app core.App, q string, now time.Time) (*dbx.Query, error) {
	p, err := readListParams(httptest.NewRequest("GET", "/?"+q, nil), time.UTC, now)
	if err != nil {
		return nil, err
	}
	conds, err := listConditions(app, p)
	if err != nil {
		return nil, err
	}
	return listQuery(app, p, conds).Build(), nil
}
