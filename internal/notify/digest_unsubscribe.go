package notify

import (
	"errors"
	"net/url"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/town"
)

// What an unsubscribe link turns off.
const (
	ScopeDigest = "digest" // the daily or weekly digest
	ScopeAlerts = "alerts" // critical alerts
	// ScopeFollow stops the updates on one request to someone who follows it
	// by email without an account; the link names the follow, not a user.
	ScopeFollow = "follow"
)

// ErrBadLink is returned for an unsubscribe link that was altered or cut short.
var ErrBadLink = errors.New("the unsubscribe link is not valid")

// UnsubscribeURL is the one-click link (RFC 8058) that turns off scope for
// user. It is signed with the install's secret, so it works without
// signing in and cannot be made for anyone else.
func UnsubscribeURL(app core.App, userID, scope, lang string) string {
	q := url.Values{"u": {userID}, "s": {scope}, "k": {requests.Sign(app, "unsubscribe:"+scope, userID)}}
	return town.AbsURL(app, "/"+lang+"/unsubscribe?"+q.Encode())
}

// CheckUnsubscribe returns what an unsubscribe link is for: the account,
// or for ScopeFollow the follow by email (id is then the follow's).
func CheckUnsubscribe(app core.App, id, scope, key string) (*core.Record, error) {
	if (scope != ScopeDigest && scope != ScopeAlerts && scope != ScopeFollow) || id == "" ||
		!requests.Verify(app, "unsubscribe:"+scope, id, key) {
		return nil, ErrBadLink
	}
	col := "users"
	if scope == ScopeFollow {
		col = "follows"
	}
	r, err := app.FindRecordById(col, id)
	if err != nil || (scope == ScopeFollow && r.GetString("email") == "") {
		return nil, ErrBadLink
	}
	return r, nil
}

// Unsubscribe turns off what the link says: the digest, the alerts, or the
// updates on one request (the follow by email is deleted).
func Unsubscribe(app core.App, id, scope, key string) (*core.Record, error) {
	u, err := CheckUnsubscribe(app, id, scope, key)
	if err != nil {
		return nil, err
	}
	if scope == ScopeFollow {
		return u, app.Delete(u)
	}
	if scope == ScopeDigest {
		u.Set("digest", "off")
	} else {
		u.Set("alerts", false)
	}
	if err := app.Save(u); err != nil {
		return nil, err
	}
	return u, nil
}
