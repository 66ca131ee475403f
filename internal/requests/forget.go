package requests

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Forget takes a resident out of their requests before their account is
// deleted: each request stays (the town still has the pothole to fill, and
// the public list its history) with no reporter, name, email or phone, and
// their comments stay without an author. It writes the rows directly, as an
// erasure, not an edit: no notification and no timeline entry follow.
func Forget(app core.App, userID string) error {
	if userID == "" {
		return nil
	}
	_, err := app.DB().NewQuery(`UPDATE requests SET reporter = '', contact_name = '', contact_email = '',
		contact_phone = '' WHERE reporter = {:id}`).Bind(dbx.Params{"id": userID}).Execute()
	if err != nil {
		return fmt.Errorf("forget the reporter of requests: %w", err)
	}
	_, err = app.DB().NewQuery("UPDATE request_updates SET author = '' WHERE author = {:id}").
		Bind(dbx.Params{"id": userID}).Execute()
	if err != nil {
		return fmt.Errorf("forget the author of comments: %w", err)
	}
	return nil
}
