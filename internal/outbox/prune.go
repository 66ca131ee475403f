package outbox

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// pruneBatch is how many messages one write of Prune touches: each batch
// is its own short write, so requests filed meanwhile wait for one batch,
// not for the whole pass.
const pruneBatch = 500

// requestKeys matches the dedupe keys of messages about a request
// ("request:<id>:…"): ';' sorts right after ':'.
const requestKeys = "dedupe_key >= 'request:' AND dedupe_key < 'request;'"

// Prune empties the outbox of messages sent before cutoff: a message about
// a request keeps its recipient, subject and delivery state (the request's
// timeline shows them, and its dedupe key still keeps it from being sent
// twice) but loses its text, HTML and attachments; any other sent message
// is deleted. It returns how many it emptied and deleted.
func Prune(app core.App, cutoff time.Time) (emptied, deleted int, err error) {
	sent := dbx.Params{"sent": StatusSent, "cutoff": dbTime(cutoff)}
	old := "SELECT id FROM outbox WHERE status = {:sent} AND sent_at != '' AND sent_at < {:cutoff}"
	emptied, err = inBatches(app, `UPDATE outbox SET text = '', html = '', attachments = NULL WHERE id IN (`+
		old+` AND `+requestKeys+` AND (text != '' OR html != '' OR attachments IS NOT NULL) LIMIT {:batch})`, sent)
	if err != nil {
		return emptied, 0, fmt.Errorf("empty sent messages: %w", err)
	}
	deleted, err = inBatches(app, `DELETE FROM outbox WHERE id IN (`+old+` AND NOT (`+requestKeys+`) LIMIT {:batch})`, sent)
	if err != nil {
		return emptied, deleted, fmt.Errorf("delete sent messages: %w", err)
	}
	return emptied, deleted, nil
}

// inBatches runs sql (which touches at most {:batch} rows) until it
// touches none, and returns how many rows it touched.
func inBatches(app core.App, sql string, params dbx.Params) (int, error) {
	params["batch"] = pruneBatch
	total := 0
	for {
		res, err := app.DB().NewQuery(sql).Bind(params).Execute()
		if err != nil {
			return total, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return total, err
		}
		total += int(n)
		if n < pruneBatch {
			return total, nil
		}
	}
}
