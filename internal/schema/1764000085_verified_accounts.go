package schema

import (
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/migrations"
)

// requireVerified is what every API rule that lets a resident in by their
// account also asks: anyone can create an account with someone else's
// email address, so an account does nothing until its address is
// confirmed.
const requireVerified = "@request.auth.verified = true"

// Accounts count only once their email address is confirmed; the site's
// own sign-up is the only way to create one (REST sign-up is closed: the
// site saves accounts through the Go API, and the clerk still can); and a
// sign-in code counts its tries.
func init() {
	migrations.Register(steps(
		verifyAll,
		alter("users", func(c *core.Collection) {
			c.CreateRule = nil
			c.AuthRule = rule("verified = true")
		}),
		alter(core.CollectionNameOTPs, func(c *core.Collection) {
			c.Fields.Add(&core.NumberField{Name: "attempts", OnlyInt: true, Help: "Tries of this code so far; it stops working after 5."})
		}),
	), nil)
}

// verifyAll applies verifyRules to every collection but PocketBase's own.
func verifyAll(app core.App) error {
	cols, err := app.FindAllCollections(core.CollectionTypeBase, core.CollectionTypeAuth)
	if err != nil {
		return err
	}
	for _, c := range cols {
		if c.System || !verifyRules(c) {
			continue
		}
		if err := app.Save(c); err != nil {
			return err
		}
	}
	return nil
}

// verifyRules adds requireVerified to each of c's rules that admits a
// signed-in account, and reports whether it changed any.
func verifyRules(c *core.Collection) bool {
	changed := false
	for _, r := range []**string{&c.ListRule, &c.ViewRule, &c.CreateRule, &c.UpdateRule, &c.DeleteRule} {
		if *r == nil || !strings.Contains(**r, "@request.auth.id") || strings.Contains(**r, requireVerified) {
			continue
		}
		*r = rule(requireVerified + " && (" + **r + ")")
		changed = true
	}
	return changed
}
