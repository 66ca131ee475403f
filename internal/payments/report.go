package payments

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Row is one payment as the desk lists it.
type Row struct {
	ID, Kind, Item, Label, State, Method, Receipt, Payer, Currency string
	Amount, Refunded                                               float64
	Paid, Created                                                  time.Time
}

// List is the newest payments, at most limit, optionally of one state.
func List(app core.App, state string, limit int) ([]Row, error) {
	filter, params := "", dbx.Params{}
	if state != "" {
		filter, params["s"] = "state = {:s}", state
	}
	recs, err := app.FindRecordsByFilter(Payments, filter, "-created", limit, 0, params)
	if err != nil {
		return nil, fmt.Errorf("list payments: %w", err)
	}
	rows := make([]Row, len(recs))
	for i, r := range recs {
		rows[i] = RowOf(r)
	}
	return rows, nil
}

// RowOf reads one payment record.
func RowOf(r *core.Record) Row {
	payer := r.GetString("payer_name")
	if payer == "" {
		payer = r.GetString("payer_email")
	}
	return Row{ID: r.Id, Kind: r.GetString("kind"), Item: r.GetString("item"), Label: r.GetString("label"),
		State: r.GetString("state"), Method: r.GetString("method"), Receipt: r.GetString("receipt_number"), Payer: payer,
		Currency: r.GetString("currency"), Amount: r.GetFloat("amount"), Refunded: r.GetFloat("refunded"),
		Paid: r.GetDateTime("paid_at").Time(), Created: r.GetDateTime("created").Time()}
}

// Collected is the money received from from (inclusive) to to (exclusive)
// by kind, less refunds, in dollars.
func Collected(app core.App, from, to time.Time) (map[string]float64, error) {
	var rows []struct {
		Kind  string  `db:"kind"`
		Total float64 `db:"total"`
	}
	err := app.DB().NewQuery(`SELECT kind, COALESCE(SUM(amount - refunded), 0) AS total FROM payments
		WHERE state IN ('paid', 'refunded') AND paid_at >= {:from} AND paid_at < {:to} GROUP BY kind`).
		Bind(dbx.Params{"from": from.UTC().Format("2006-01-02 15:04:05.000Z"), "to": to.UTC().Format("2006-01-02 15:04:05.000Z")}).All(&rows)
	if err != nil {
		return nil, fmt.Errorf("sum payments: %w", err)
	}
	out := map[string]float64{}
	for _, r := range rows {
		out[r.Kind] = r.Total
	}
	return out, nil
}

// WriteCSV writes rows as CSV with a header, times in loc.
func WriteCSV(w io.Writer, rows []Row, loc *time.Location) error {
	cw := csv.NewWriter(w)
	_ = cw.Write([]string{"id", "kind", "item", "label", "amount", "refunded", "currency", "state", "method", "receipt_number", "payer", "paid_at", "created"})
	money := func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }
	at := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(loc).Format("2006-01-02 15:04")
	}
	for _, r := range rows {
		_ = cw.Write([]string{r.ID, r.Kind, r.Item, safeCell(r.Label), money(r.Amount), money(r.Refunded), r.Currency, r.State,
			r.Method, safeCell(r.Receipt), safeCell(r.Payer), at(r.Paid), at(r.Created)})
	}
	cw.Flush()
	return cw.Error()
}

// safeCell keeps a spreadsheet from reading a cell as a formula.
func safeCell(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}
