package notify

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/clock"
	"github.com/townhall/townhall/internal/i18n"
	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/town"
)

// PaymentMail queues the letters of payments, in the payer's language and
// in the same transaction as the payment: a receipt when an item is paid
// (online or at the counter), a note when money is refunded, and a
// reminder before a water bill's due date for residents who asked.
type PaymentMail struct {
	Bundle *i18n.Bundle
	Town   *town.Store
	Clock  clock.Clock
}

// RegisterPaymentMail binds the receipts to the payments' hooks and checks
// for water bills due soon every morning.
func RegisterPaymentMail(app core.App, pm *PaymentMail) {
	app.OnRecordCreateExecute(payments.Payments).BindFunc(func(e *core.RecordEvent) error {
		if err := e.Next(); err != nil || e.Record.GetString("state") != payments.StatePaid {
			return err
		}
		return pm.receipt(e.App, e.Record)
	})
	app.OnRecordUpdateExecute(payments.Payments).BindFunc(func(e *core.RecordEvent) error {
		old := e.Record.Original()
		if err := e.Next(); err != nil {
			return err
		}
		switch {
		case old.GetString("state") != payments.StatePaid && e.Record.GetString("state") == payments.StatePaid:
			return pm.receipt(e.App, e.Record)
		case e.Record.GetFloat("refunded") > old.GetFloat("refunded"):
			return pm.refund(e.App, e.Record, e.Record.GetFloat("refunded")-old.GetFloat("refunded"))
		}
		return nil
	})
	app.Cron().MustAdd("waterReminders", "0 13 * * *", func() {
		if n, err := pm.Reminders(app, clock.Or(pm.Clock).Now()); err != nil {
			app.Logger().Error("water bill reminders", slog.String("error", err.Error()), slog.Int("queued", n))
		}
	})
}

// lang is the payment's language if the town offers it, else the town's.
func (pm *PaymentMail) lang(lang string) string {
	if t := pm.Town.Get(); !t.Offers(lang) {
		return t.DefaultLanguage
	}
	return lang
}

// receipt is the payment's receipt, to the payer's address if any.
func (pm *PaymentMail) receipt(app core.App, p *core.Record) error {
	to := p.GetString("payer_email")
	if to == "" {
		return nil // paid at the counter by someone with no address
	}
	lang, b := pm.lang(p.GetString("language")), pm.Bundle
	l := Letter{Paragraphs: []string{b.T(lang, "email.payment.receipt.body", nil)}, Details: pm.details(lang, p)}
	if name := p.GetString("payer_name"); name != "" {
		l.Greeting = b.T(lang, "email.hello", map[string]any{"Name": name})
	}
	if p.GetString("payer") != "" {
		l.Action = &Link{Label: b.T(lang, "email.payment.action", nil), URL: town.AbsURL(app, "/"+lang+"/payments/"+p.Id)}
	}
	subject := b.T(lang, "email.payment.receipt.subject", map[string]any{"Name": i18n.Money(p.GetFloat("amount"))})
	return queueFollowUp(app, b, pm.Town.Get(), l, Mail{To: to, ToName: p.GetString("payer_name"), Lang: lang, Subject: subject,
		DedupeKey: "payment:" + p.Id + ":receipt", Kind: "payment.receipt"})
}

// refund tells the payer that amount was given back.
func (pm *PaymentMail) refund(app core.App, p *core.Record, amount float64) error {
	to := p.GetString("payer_email")
	if to == "" {
		return nil
	}
	lang, b := pm.lang(p.GetString("language")), pm.Bundle
	data := map[string]any{"Name": i18n.Money(amount)}
	l := Letter{Paragraphs: []string{b.T(lang, "email.payment.refund.body", data)}, Details: pm.details(lang, p)}
	return queueFollowUp(app, b, pm.Town.Get(), l, Mail{To: to, ToName: p.GetString("payer_name"), Lang: lang,
		Subject: b.T(lang, "email.payment.refund.subject", data), Kind: "payment.refund",
		DedupeKey: fmt.Sprintf("payment:%s:refund:%.2f", p.Id, p.GetFloat("refunded"))})
}

// details are the receipt's rows: what, how much, how, when and its number.
func (pm *PaymentMail) details(lang string, p *core.Record) [][2]string {
	b := pm.Bundle
	rows := [][2]string{
		{b.T(lang, "payments.for", nil), b.T(lang, "payments.kind."+p.GetString("kind"), nil) + ": " + p.GetString("label")},
		{b.T(lang, "payments.amount", nil), i18n.Money(p.GetFloat("amount"))},
		{b.T(lang, "payments.method_label", nil), b.T(lang, "payments.method."+p.GetString("method"), nil)},
		{b.T(lang, "payments.paid_on", nil), b.Date(lang, p.GetDateTime("paid_at").Time().In(pm.Town.Get().Location))},
		{b.T(lang, "payments.receipt_label", nil), p.Id},
	}
	if n := p.GetString("receipt_number"); n != "" {
		rows = append(rows, [2]string{b.T(lang, "payments.receipt_number", nil), n})
	}
	return rows
}

// Reminders queues a reminder for each water bill due soon whose resident
// asked for one, once per due date. It returns how many were queued.
func (pm *PaymentMail) Reminders(app core.App, now time.Time) (int, error) {
	recs, err := payments.DueSoon(app, now)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, r := range recs {
		err := app.RunInTransaction(func(tx core.App) error {
			if err := pm.reminder(tx, r); err != nil {
				return err
			}
			return payments.MarkReminded(tx, r)
		})
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// reminder is one water bill's reminder, to its resident.
func (pm *PaymentMail) reminder(app core.App, r *core.Record) error {
	u, err := app.FindRecordById("users", r.GetString("resident"))
	if err != nil || u.Email() == "" {
		return nil
	}
	lang, b := pm.lang(u.GetString("language")), pm.Bundle
	due := b.Date(lang, r.GetDateTime("due_date").Time())
	data := map[string]any{"Name": i18n.Money(r.GetFloat("balance")), "Date": due, "Number": r.GetString("account_number")}
	l := Letter{Paragraphs: []string{b.T(lang, "email.water.reminder.body", data)},
		Action: &Link{Label: b.T(lang, "email.water.action", nil), URL: town.AbsURL(app, "/"+lang+"/account/water")}}
	if name := u.GetString("name"); name != "" {
		l.Greeting = b.T(lang, "email.hello", map[string]any{"Name": name})
	}
	key := "water:" + r.Id + ":" + r.GetString("due_date")
	err = queueFollowUp(app, b, pm.Town.Get(), l, Mail{To: u.Email(), ToName: u.GetString("name"), Lang: lang,
		Subject: b.T(lang, "email.water.reminder.subject", data), Kind: "water.reminder", DedupeKey: key})
	num := u.GetString("sms_number")
	if err != nil || num == "" || !u.GetBool("sms_updates") {
		return err
	}
	// Those who chose texts for their updates get the reminder by text too.
	c := &Composer{Bundle: b, Town: pm.Town}
	return c.TextReply(app, Text{To: num, Lang: lang, Kind: "water.reminder.sms", DedupeKey: key + ":sms"},
		"sms.water_reminder", data, town.AbsURL(app, "/"+lang+"/account/water"))
}
