package requests

import (
	"fmt"
	"slices"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// MaxConfirmationsPerDay caps the confirmation emails to one address typed
// in a form (not a signed-in account's), in any 24 hours: the form must
// not be a way to flood someone else's inbox. Beyond it the request is
// stored all the same, marked mail_capped, and its confirmation page shows
// the private link instead.
const MaxConfirmationsPerDay = 5

// capConfirmations marks a new request mail_capped when its contact
// address has had its confirmations for the day. It runs in the request's
// transaction, so two requests at once cannot both take the last one.
func capConfirmations(e *core.RecordEvent) error {
	r := e.Record
	email := r.GetString("contact_email")
	if email == "" || r.GetString("reporter") != "" || !slices.Contains([]string{ChannelWeb, ChannelOpen311}, r.GetString("channel")) {
		return e.Next()
	}
	var sent int
	err := e.App.DB().NewQuery(`SELECT COUNT(*) FROM requests
		WHERE contact_email = {:email} COLLATE NOCASE AND created > {:since} AND reporter = '' AND mail_capped = FALSE`).
		Bind(dbx.Params{"email": email, "since": types.NowDateTime().Add(-24 * time.Hour).String()}).Row(&sent)
	if err != nil {
		return fmt.Errorf("count confirmations: %w", err)
	}
	if sent >= MaxConfirmationsPerDay {
		r.Set("mail_capped", true)
	}
	return e.Next()
}
