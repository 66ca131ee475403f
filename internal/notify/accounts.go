package notify

import (
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/town"
)

// The emails of resident accounts, asked for on the site. Each goes to the
// address given, in the account's language.

// SignInCode emails a one-time sign-in code, in lang.
func (c *Composer) SignInCode(app core.App, lang, to, code, otpID string) error {
	b := c.Bundle
	return c.queue(app, Letter{Paragraphs: []string{
		b.T(lang, "email.code.body", map[string]any{"Code": code}),
		b.T(lang, "email.code.ignore", nil),
	}}, Mail{To: to, Lang: lang, Subject: b.T(lang, "email.code.subject", map[string]any{"Code": code}),
		DedupeKey: "otp:" + otpID, Kind: "account.code"})
}

// AccountExists tells the owner of an address that someone tried to sign
// up with it again, and where to sign in instead.
func (c *Composer) AccountExists(app core.App, lang, to string, user *core.Record) error {
	b := c.Bundle
	return c.queue(app, Letter{
		Paragraphs: []string{b.T(lang, "email.exists.body", nil)},
		Action:     &Link{Label: b.T(lang, "email.exists.action", nil), URL: town.AbsURL(app, "/"+lang+"/signin")},
	}, Mail{To: to, Lang: lang, Subject: b.T(lang, "email.exists.subject", nil),
		DedupeKey: "signup-exists:" + user.Id + ":" + core.GenerateDefaultRandomId(), Kind: "account.exists"})
}

// VerifyAddress sends a new account the link that proves its address.
func (c *Composer) VerifyAddress(app core.App, lang string, user *core.Record, token string) error {
	b := c.Bundle
	return c.queue(app, Letter{
		Greeting:   b.T(lang, "email.hello", map[string]any{"Name": user.GetString("name")}),
		Paragraphs: []string{b.T(lang, "email.verify.body", nil)},
		Action:     &Link{Label: b.T(lang, "email.verify.action", nil), URL: town.AbsURL(app, "/"+lang+"/verify?token="+token)},
	}, Mail{To: user.Email(), Lang: lang, Subject: b.T(lang, "email.verify.subject", nil),
		DedupeKey: "verify:" + user.Id + ":" + token[len(token)-16:], Kind: "account.verify"})
}

// PasswordReset sends the link to choose a new password.
func (c *Composer) PasswordReset(app core.App, lang, to string, user *core.Record, token string) error {
	b := c.Bundle
	return c.queue(app, Letter{
		Paragraphs: []string{b.T(lang, "email.reset.body", nil), b.T(lang, "email.code.ignore", nil)},
		Action:     &Link{Label: b.T(lang, "email.reset.action", nil), URL: town.AbsURL(app, "/"+lang+"/reset/confirm?token="+token)},
	}, Mail{To: to, Lang: lang, Subject: b.T(lang, "email.reset.subject", nil),
		DedupeKey: "reset:" + user.Id + ":" + token[len(token)-16:], Kind: "account.reset"})
}

// EmailChange sends the link that confirms a new address to that address;
// the account keeps its old address until the link is used.
func (c *Composer) EmailChange(app core.App, lang, to string, user *core.Record, token string) error {
	b := c.Bundle
	return c.queue(app, Letter{
		Greeting:   b.T(lang, "email.hello", map[string]any{"Name": user.GetString("name")}),
		Paragraphs: []string{b.T(lang, "email.change.body", nil), b.T(lang, "email.code.ignore", nil)},
		Action:     &Link{Label: b.T(lang, "email.change.action", nil), URL: town.AbsURL(app, "/"+lang+"/account/email/confirm?token="+token)},
	}, Mail{To: to, Lang: lang, Subject: b.T(lang, "email.change.subject", nil),
		DedupeKey: "email-change:" + user.Id + ":" + token[len(token)-16:], Kind: "account.email_change"})
}
