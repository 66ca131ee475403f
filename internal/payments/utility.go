package payments

import (
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// AccountColumns are the columns of the billing system's export, in any
// order; the first three are required.
var AccountColumns = []string{"account_number", "house_number", "balance", "due_date", "address"}

// ImportAccounts reads the clerk's CSV of water accounts and stores them as
// of now, in one transaction: an account already there gets its new balance
// and due date and keeps its resident and reminder choice. A bad line is a
// field error naming it, and nothing is stored. It returns how many
// accounts the file held.
func (d *Domain) ImportAccounts(app core.App, r io.Reader) (int, error) {
	rows, err := readAccounts(r)
	if err != nil {
		return 0, err
	}
	col, err := app.FindCollectionByNameOrId(UtilityAccounts)
	if err != nil {
		return 0, fmt.Errorf("find utility accounts: %w", err)
	}
	now := d.now().UTC()
	err = app.RunInTransaction(func(tx core.App) error {
		for _, row := range rows {
			rec, err := tx.FindFirstRecordByData(UtilityAccounts, "account_number", row["account_number"])
			if errors.Is(err, sql.ErrNoRows) {
				rec = core.NewRecord(col)
			} else if err != nil {
				return fmt.Errorf("find account %s: %w", row["account_number"], err)
			}
			if rec.GetFloat("balance") != mustFloat(row["balance"]) || rec.GetString("due_date") != row["due_date"] {
				rec.Set("paid_at", "") // a new bill
			}
			for k, v := range row {
				rec.Set(k, v)
			}
			rec.Set("uploaded_at", now)
			if err := tx.Save(rec); err != nil {
				return fmt.Errorf("save account %s: %w", row["account_number"], err)
			}
		}
		return nil
	})
	return len(rows), err
}

func mustFloat(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }

// readAccounts parses and checks the whole file before anything is stored.
func readAccounts(r io.Reader) ([]map[string]string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	bad := func(line int) error {
		in := &InputError{}
		in.Add("file", "payments.error.csv_line", map[string]any{"Count": line})
		return in
	}
	head, err := cr.Read()
	if err != nil {
		return nil, bad(1)
	}
	idx := map[string]int{}
	for i, h := range head {
		idx[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range AccountColumns[:3] {
		if _, ok := idx[need]; !ok {
			in := &InputError{}
			in.Add("file", "payments.error.csv_columns", map[string]any{"Name": strings.Join(AccountColumns, ", ")})
			return nil, in
		}
	}
	var rows []map[string]string
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, bad(line)
		}
		row := map[string]string{}
		for _, c := range AccountColumns {
			if i, ok := idx[c]; ok && i < len(rec) {
				row[c] = strings.TrimSpace(rec[i])
			}
		}
		if !validAccount(row) {
			return nil, bad(line)
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// validAccount checks one line and writes its values as stored.
func validAccount(row map[string]string) bool {
	if row["account_number"] == "" || row["house_number"] == "" || len(row["account_number"]) > 40 || len(row["house_number"]) > 20 {
		return false
	}
	b, err := strconv.ParseFloat(strings.TrimPrefix(row["balance"], "$"), 64)
	if err != nil {
		return false
	}
	row["balance"] = strconv.FormatFloat(b, 'f', 2, 64)
	if row["due_date"] != "" {
		t, err := time.Parse("2006-01-02", row["due_date"])
		if err != nil {
			return false
		}
		row["due_date"] = t.Format("2006-01-02") + " 12:00:00.000Z"
	}
	return true
}

// normalHouse compares house numbers as residents type them: "12 B" is "12b".
func normalHouse(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), ""))
}

// LinkAccount links the water account number to the resident when house
// matches its service address's house number. A wrong number and a wrong
// house get the same answer, so that nobody learns which accounts exist.
func (d *Domain) LinkAccount(app core.App, residentID, number, house string) (*core.Record, error) {
	in := &InputError{}
	number, house = strings.TrimSpace(number), strings.TrimSpace(house)
	if number == "" {
		in.Add("account", "payments.error.account_required", nil)
	}
	if house == "" {
		in.Add("house", "payments.error.house_required", nil)
	}
	if err := in.orNil(); err != nil {
		return nil, err
	}
	rec, err := app.FindFirstRecordByData(UtilityAccounts, "account_number", number)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("find account: %w", err)
	}
	if rec == nil || normalHouse(rec.GetString("house_number")) != normalHouse(house) ||
		(rec.GetString("resident") != "" && rec.GetString("resident") != residentID) {
		in.Add("account", "payments.error.no_account", nil)
		return nil, in
	}
	rec.Set("resident", residentID)
	if err := app.Save(rec); err != nil {
		return nil, fmt.Errorf("link account: %w", err)
	}
	return rec, nil
}

// Account is a water account as its resident sees it.
type Account struct {
	ID, Number, Address string
	Balance             float64
	Due                 time.Time
	Paid                time.Time // zero: not paid since the upload
	AsOf                time.Time // the upload
	Remind              bool
}

// AccountsOf lists the resident's linked water accounts.
func AccountsOf(app core.App, residentID string) ([]Account, error) {
	recs, err := app.FindRecordsByFilter(UtilityAccounts, "resident = {:r}", "account_number", 20, 0, dbx.Params{"r": residentID})
	if err != nil {
		return nil, fmt.Errorf("list water accounts: %w", err)
	}
	out := make([]Account, len(recs))
	for i, r := range recs {
		out[i] = Account{ID: r.Id, Number: r.GetString("account_number"), Address: r.GetString("address"),
			Balance: r.GetFloat("balance"), Due: r.GetDateTime("due_date").Time(), Paid: r.GetDateTime("paid_at").Time(),
			AsOf: r.GetDateTime("uploaded_at").Time(), Remind: r.GetBool("remind")}
	}
	return out, nil
}

// SetReminder turns the resident's due-date reminder on or off.
func SetReminder(app core.App, residentID, accountID string, on bool) error {
	r, err := app.FindRecordById(UtilityAccounts, accountID)
	if err != nil || r.GetString("resident") != residentID {
		return ErrNotFound
	}
	r.Set("remind", on)
	return app.Save(r)
}

// ReminderDays is how many days before the due date a reminder goes out.
const ReminderDays = 5

// DueSoon lists the accounts whose residents asked for a reminder, with a
// balance not yet paid, due within ReminderDays of now and not reminded of
// that due date yet.
func DueSoon(app core.App, now time.Time) ([]*core.Record, error) {
	recs, err := app.FindRecordsByFilter(UtilityAccounts,
		"remind = true && resident != '' && balance > 0 && paid_at = '' && due_date != '' && due_date >= {:now} && due_date <= {:soon} && reminded_for != due_date",
		"due_date", 0, 0, dbx.Params{"now": now.UTC().Format("2006-01-02") + " 00:00:00.000Z",
			"soon": now.UTC().AddDate(0, 0, ReminderDays).Format("2006-01-02 15:04:05.000Z")})
	if err != nil {
		return nil, fmt.Errorf("find water bills due soon: %w", err)
	}
	return recs, nil
}

// MarkReminded records that the account's resident was reminded of its
// current due date.
func MarkReminded(app core.App, r *core.Record) error {
	r.Set("reminded_for", r.GetString("due_date"))
	return app.Save(r)
}
