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

// CheckUnsubscribe returns the account an unsubscribe link is for.
func CheckUnsubscribe(app core.App, userID, scope, key string) (*core.Record, error) {
	if (scope != ScopeDigest && scope != ScopeAlerts) || userID == "" || !requests.Verify(app, "unsubscribe:"+scope, userID, key) {
		return nil, ErrBadLink
	}
	u, err := app.FindRecordById("users", userID)
	if err != nil {
		return nil, ErrBadLink
	}
	return u, nil
}

// Unsubscribe turns off what the link says: the digest, or the alerts.
func Unsubscribe(app core.App, userID, scope, key string) (*core.Record, error) {
	u, err := CheckUnsubscribe(app, userID, scope, key)
	if err != nil {
		return nil, err
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
