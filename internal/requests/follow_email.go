package requests

import (
	"strings"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// FollowByEmail has someone without an account follow a request by email,
// in lang: a reporter whose own request was closed as its duplicate.
// Following twice is the same as once.
func FollowByEmail(app core.App, email, name, lang, requestID string) error {
	email = strings.ToLower(strings.TrimSpace(email))
	if _, err := app.FindFirstRecordByFilter("follows", "email = {:e} && request = {:r}", dbx.Params{"e": email, "r": requestID}); err == nil {
		return nil
	}
	col, err := app.FindCollectionByNameOrId("follows")
	if err != nil {
		return err
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"email": email, "name": CleanLine(name), "language": lang, "request": requestID})
	return app.Save(r)
}

// EmailFollowers are the follows of req by email address (no account).
func EmailFollowers(app core.App, requestID string) ([]*core.Record, error) {
	return app.FindRecordsByFilter("follows", "request = {:r} && email != ''", "created", 0, 0, dbx.Params{"r": requestID})
}
