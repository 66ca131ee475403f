package requests

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"

	"github.com/pocketbase/pocketbase/core"
)

// Signed links let an anonymous reporter see their own request, and let a
// reply email find its request, without an account. The key is derived from
// the install's own secret (the superusers' token secret, random per
// install), so links stay valid across restarts and are useless elsewhere.

// Sign returns the signature of number for purpose ("private", "reply", …).
func Sign(app core.App, purpose, number string) string {
	mac := hmac.New(sha256.New, linkKey(app))
	mac.Write([]byte(purpose + ":" + number))
	return hex.EncodeToString(mac.Sum(nil))[:24]
}

// Verify reports whether sig is number's signature for purpose.
func Verify(app core.App, purpose, number, sig string) bool {
	return hmac.Equal([]byte(Sign(app, purpose, number)), []byte(sig))
}

func linkKey(app core.App) []byte {
	c, err := app.FindCachedCollectionByNameOrId(core.CollectionNameSuperusers)
	if err != nil {
		return []byte("townhall")
	}
	sum := sha256.Sum256([]byte("townhall-links:" + c.AuthToken.Secret))
	return sum[:]
}
