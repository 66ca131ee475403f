package bulk

import (
	"fmt"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Residents stores n verified residents who chose the daily digest, and a
// notice started an hour before now, so that the next daily digest has
// something to tell every one of them. They cannot sign in (their
// password hash matches no password).
func Residents(app core.App, n int, now time.Time) error {
	return app.RunInTransaction(func(tx core.App) error {
		q := tx.DB().NewQuery(`INSERT INTO users (id, email, emailVisibility, verified, password, tokenKey, name, language,
			role, digest, created, updated)
			VALUES ({:id}, {:email}, FALSE, TRUE, '!', {:token}, {:name}, {:lang}, 'resident', 'daily', {:now}, {:now})`).Prepare()
		defer q.Close()
		prefix := core.GenerateDefaultRandomId()[:5]
		for i := range n {
			lang := "en"
			if i%5 == 0 {
				lang = "es"
			}
			_, err := q.Bind(dbx.Params{"id": fmt.Sprintf("%s%010d", prefix, i), "email": fmt.Sprintf("resident%d.%s@example.com", i, prefix),
				"token": core.GenerateDefaultRandomId() + core.GenerateDefaultRandomId(), "name": fmt.Sprintf("Resident %d", i),
				"lang": lang, "now": stamp(now)}).Execute()
			if err != nil {
				return fmt.Errorf("bulk resident %d: %w", i, err)
			}
		}
		_, err := tx.DB().NewQuery(`INSERT INTO notices (id, title, body, severity, starts, published, created, updated)
			VALUES ({:id}, 'Leaf collection starts Monday', 'Put leaves at the curb in paper bags.', 'info', {:starts}, TRUE, {:now}, {:now})`).
			Bind(dbx.Params{"id": core.GenerateDefaultRandomId(), "starts": stamp(now.Add(-time.Hour)), "now": stamp(now)}).Execute()
		return err
	})
}
