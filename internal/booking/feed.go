package booking

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// A resident's private calendar feed is reached by a link that names them
// and carries a signature: the install's secret (random per install) and the
// resident's own calendar key, so a changed or guessed link is refused and
// a resident can turn an old link off by getting a new one.

// FeedToken returns the token of the resident's private feed, giving them a
// calendar key first if they have none.
func FeedToken(app core.App, user *core.Record) (string, error) {
	if user.GetString("calendar_key") == "" {
		if err := ResetFeed(app, user); err != nil {
			return "", err
		}
	}
	return user.Id + "." + feedSig(app, user), nil
}

// ResetFeed gives the resident a new calendar key: links given out before
// stop working.
func ResetFeed(app core.App, user *core.Record) error {
	b := make([]byte, 16)
	rand.Read(b)
	user.Set("calendar_key", hex.EncodeToString(b))
	return app.Save(user)
}

// FeedUser returns the resident a feed token belongs to; ok is false for a
// malformed, changed or turned-off token.
func FeedUser(app core.App, token string) (*core.Record, bool) {
	id, sig, found := strings.Cut(strings.TrimSuffix(token, ".ics"), ".")
	if !found || id == "" || sig == "" {
		return nil, false
	}
	user, err := app.FindRecordById("users", id)
	if err != nil || user.Id != id || user.GetString("calendar_key") == "" {
		return nil, false
	}
	return user, hmac.Equal([]byte(sig), []byte(feedSig(app, user)))
}

func feedSig(app core.App, user *core.Record) string {
	mac := hmac.New(sha256.New, feedKey(app))
	mac.Write([]byte("calendar:" + user.Id + ":" + user.GetString("calendar_key")))
	return hex.EncodeToString(mac.Sum(nil))[:32]
}

func feedKey(app core.App) []byte {
	c, err := app.FindCachedCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return []byte("townhall")
	}
	sum := sha256.Sum256([]byte("townhall-calendar:" + c.AuthToken.Secret))
	return sum[:]
}
