package web

import (
	"errors"
	"net/http"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/payments"
)

// waterData is the resident's water bill page.
type waterData struct {
	Accounts   []waterRow
	Online     bool   // Pay goes to Stripe Checkout
	BillPayURL string // set: Pay goes to the town's bill-pay site instead
	Form       *Form
}

// waterRow is one linked account, written out.
type waterRow struct {
	ID, Number, Address, Balance, Due, AsOf, Paid string
	Payable, Remind                               bool
}

// waterPage shows the resident's linked water accounts (balance and due
// date as of the clerk's last upload) and the form to link one.
func (h *Handler) waterPage(e *core.RequestEvent, lang string) error {
	return h.renderWater(e, lang, &Form{}, http.StatusOK)
}

func (h *Handler) renderWater(e *core.RequestEvent, lang string, f *Form, status int) error {
	accts, err := payments.AccountsOf(e.App, e.Auth.Id)
	if err != nil {
		return h.fail(e, lang, err)
	}
	s, err := payments.LoadSettings(e.App)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d := waterData{Online: s.Online(), BillPayURL: s.BillPayURL, Form: f}
	loc := h.town.Get().Location
	for _, a := range accts {
		row := waterRow{ID: a.ID, Number: a.Number, Address: a.Address, Balance: money(a.Balance), Remind: a.Remind,
			AsOf: h.bundle.Date(lang, a.AsOf.In(loc)), Payable: a.Balance > 0 && a.Paid.IsZero()}
		if !a.Due.IsZero() {
			row.Due = h.bundle.Date(lang, a.Due)
		}
		if !a.Paid.IsZero() {
			row.Paid = h.bundle.Date(lang, a.Paid.In(loc))
		}
		d.Accounts = append(d.Accounts, row)
	}
	return h.renderPage(e, lang, "/account/water", "water.title", "water", d, status)
}

// waterLink links an account by its number and house number.
func (h *Handler) waterLink(e *core.RequestEvent, lang string) error {
	f := &Form{Values: map[string][]string{"account": {e.Request.FormValue("account")}, "house": {e.Request.FormValue("house")}}}
	_, err := h.pay.LinkAccount(e.App, e.Auth.Id, f.Get("account"), f.Get("house"))
	var in *payments.InputError
	if errors.As(err, &in) {
		h.fromValidation(f, lang, &in.FieldErrors)
		return h.renderWater(e, lang, f, http.StatusUnprocessableEntity)
	} else if err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "water.flash.linked")
	return redirect(e, "/"+lang+"/account/water")
}

// waterRemind saves the resident's reminder choice for one account.
func (h *Handler) waterRemind(e *core.RequestEvent, lang string) error {
	err := payments.SetReminder(e.App, e.Auth.Id, e.Request.FormValue("account"), e.Request.FormValue("remind") == "on")
	if errors.Is(err, payments.ErrNotFound) {
		return h.notFound(e, lang)
	} else if err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "water.flash.reminder")
	return redirect(e, "/"+lang+"/account/water")
}
