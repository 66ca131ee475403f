package web

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/requests/desk"
)

// maxAccountsUpload bounds the billing system's CSV (about 100 bytes an
// account: 200,000 accounts).
const maxAccountsUpload = 20 << 20

// paymentsData is the desk's payments page.
type paymentsData struct {
	Online    bool
	Collected []option // by kind: Label is the kind, Value the amount
	Total     string
	Rows      []paymentRow
	Kinds     []string
	Counter   *Form // the counter payment form
	Refund    *Form // a refund's problems
	Upload    *Form // the accounts upload's problems
	Accounts  int
}

// paymentRow is one payment as the desk lists it.
type paymentRow struct {
	payments.Row
	Amount, Refunded, When string
	CanRefund              bool
}

func (h *Handler) staffPayments(e *core.RequestEvent, lang string, s *desk.Staff) error {
	q := e.Request.URL.Query()
	f := &Form{Values: map[string][]string{"kind": {q.Get("kind")}, "item": {q.Get("item")}}}
	return h.renderPayments(e, lang, s, paymentsData{Counter: f, Refund: &Form{}, Upload: &Form{}}, http.StatusOK)
}

// collected is what payments brought in from from to to, by kind (Label
// the kind, Value the amount), and the total.
func (h *Handler) collected(app core.App, lang string, from, to time.Time) ([]option, string, error) {
	sums, err := payments.Collected(app, from, to)
	if err != nil {
		return nil, "", err
	}
	var out []option
	total := 0.0
	for _, k := range payments.Kinds {
		out = append(out, option{Label: h.bundle.T(lang, "payments.kind."+k, nil), Value: money(sums[k])})
		total += sums[k]
	}
	return out, money(total), nil
}

// renderPayments fills in the page's figures and list around d's forms.
func (h *Handler) renderPayments(e *core.RequestEvent, lang string, s *desk.Staff, d paymentsData, status int) error {
	d.Online, d.Kinds = h.payOnline(e.App), payments.Kinds
	loc := h.town.Get().Location
	now := h.now().In(loc)
	from := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, loc)
	var err error
	d.Collected, d.Total, err = h.collected(e.App, lang, from, from.AddDate(0, 1, 0))
	if err != nil {
		return h.fail(e, lang, err)
	}
	rows, err := payments.List(e.App, "", 100)
	if err != nil {
		return h.fail(e, lang, err)
	}
	for _, r := range rows {
		pr := paymentRow{Row: r, Amount: money(r.Amount), CanRefund: (r.State == payments.StatePaid || r.State == payments.StateRefunded) && r.Refunded < r.Amount}
		if r.Refunded > 0 {
			pr.Refunded = money(r.Refunded)
		}
		when := r.Paid
		if when.IsZero() {
			when = r.Created
		}
		pr.When = h.bundle.Date(lang, when.In(loc))
		d.Rows = append(d.Rows, pr)
	}
	n, err := e.App.CountRecords(payments.UtilityAccounts)
	if err != nil {
		return h.fail(e, lang, err)
	}
	d.Accounts = int(n)
	v := h.staffView(e, lang, "/staff/payments", h.bundle.T(lang, "staff.payments.title", nil), s)
	v.Data = d
	return h.render(e, status, "staff_payments", v)
}

// staffPaymentsCSV is every payment as CSV, for the town's books.
func (h *Handler) staffPaymentsCSV(e *core.RequestEvent, lang string, s *desk.Staff) error {
	rows, err := payments.List(e.App, "", 0)
	if err != nil {
		return h.fail(e, lang, err)
	}
	var b strings.Builder
	if err := payments.WriteCSV(&b, rows, h.town.Get().Location); err != nil {
		return h.fail(e, lang, err)
	}
	e.Response.Header().Set("Content-Disposition", `attachment; filename="payments.csv"`)
	return e.Blob(http.StatusOK, "text/csv; charset=utf-8", []byte(b.String()))
}

// staffCounter records cash or a check taken at the counter.
func (h *Handler) staffCounter(e *core.RequestEvent, lang string, s *desk.Staff) error {
	f := &Form{Values: map[string][]string{}}
	for _, k := range []string{"kind", "item", "amount", "method", "receipt"} {
		f.Values[k] = []string{e.Request.PostFormValue(k)}
	}
	_, err := h.pay.RecordCounter(e.App, payments.Counter{Kind: f.Get("kind"), Ref: f.Get("item"), Amount: f.Get("amount"),
		Method: f.Get("method"), Receipt: f.Get("receipt"), By: s.Email}, lang)
	var in *payments.InputError
	if errors.As(err, &in) {
		h.fromValidation(f, lang, &in.FieldErrors)
		return h.renderPayments(e, lang, s, paymentsData{Counter: f, Refund: &Form{}, Upload: &Form{}}, http.StatusUnprocessableEntity)
	} else if err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "staff.payments.flash.recorded")
	return redirect(e, "/"+lang+"/staff/payments")
}

// staffRefund gives back part or all of a payment: through Stripe for one
// paid online.
func (h *Handler) staffRefund(e *core.RequestEvent, lang string, s *desk.Staff) error {
	id := e.Request.PathValue("id")
	field := "refund-" + id
	raw := strings.TrimPrefix(strings.TrimSpace(e.Request.PostFormValue("amount")), "$")
	f := &Form{Values: map[string][]string{field: {raw}}}
	amount, perr := strconv.ParseFloat(raw, 64)
	if perr != nil {
		amount = 0 // refused below with the allowed range
	}
	err := h.pay.Refund(e.App, id, amount, s.Email)
	var in *payments.InputError
	switch {
	case errors.Is(err, payments.ErrNotFound):
		return h.notFound(e, lang)
	case errors.As(err, &in):
		for _, fe := range in.Fields {
			h.fieldError(f, lang, field, fe.Message, fe.Data)
		}
		return h.renderPayments(e, lang, s, paymentsData{Counter: &Form{}, Refund: f, Upload: &Form{}}, http.StatusUnprocessableEntity)
	case err != nil:
		h.logError(e, err)
		flash(e, "payments.flash.unavailable")
		return redirect(e, "/"+lang+"/staff/payments")
	}
	flash(e, "staff.payments.flash.refunded")
	return redirect(e, "/"+lang+"/staff/payments")
}

// staffAccounts takes the billing system's CSV of water accounts.
func (h *Handler) staffAccounts(e *core.RequestEvent, lang string, s *desk.Staff) error {
	f := &Form{}
	file, _, err := e.Request.FormFile("file")
	if err != nil {
		h.fieldError(f, lang, "file", "payments.error.file", nil)
		return h.renderPayments(e, lang, s, paymentsData{Counter: &Form{}, Refund: &Form{}, Upload: f}, http.StatusUnprocessableEntity)
	}
	defer file.Close()
	_, err = h.pay.ImportAccounts(e.App, file)
	var in *payments.InputError
	if errors.As(err, &in) {
		h.fromValidation(f, lang, &in.FieldErrors)
		return h.renderPayments(e, lang, s, paymentsData{Counter: &Form{}, Refund: &Form{}, Upload: f}, http.StatusUnprocessableEntity)
	} else if err != nil {
		return h.fail(e, lang, err)
	}
	flash(e, "staff.payments.flash.imported")
	return redirect(e, "/"+lang+"/staff/payments")
}
