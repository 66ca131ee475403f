package payments_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/townhall/townhall/internal/payments"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// accountsCSV is the billing system's export of n accounts: WA-00001 at
// house 1, and so on.
func accountsCSV(n int) string {
	var b strings.Builder
	b.WriteString("account_number,house_number,address,balance,due_date\n")
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, "WA-%05d,%d,\"%d Mill Street, Alder Creek\",%d.50,2026-07-15\n", i, i, i, 20+i%50)
	}
	return b.String()
}

// A CSV of 1,000 accounts is stored; a resident links one with its account
// number and house number, and a wrong house number is refused with the
// same words as a wrong account.
func TestWaterAccountsLink(t *testing.T) {
	en := newEnv(t, false, "", 0, 0)
	n, err := en.pay.ImportAccounts(en.app, strings.NewReader(accountsCSV(1000)))
	if err != nil || n != 1000 {
		t.Fatalf("import: %d accounts, %v", n, err)
	}
	if got := schematest.Count(t, en.app, payments.UtilityAccounts); got != 1000 {
		t.Fatalf("%d accounts stored, want 1000", got)
	}
	for _, c := range []struct{ number, house string }{{"WA-00742", "743"}, {"WA-09999", "742"}, {"WA-00742", ""}} {
		_, err := en.pay.LinkAccount(en.app, en.resident.Id, c.number, c.house)
		var in *payments.InputError
		if !errors.As(err, &in) {
			t.Errorf("account %s, house %q: error %v, want a field error", c.number, c.house, err)
		}
	}
	if _, err := en.pay.LinkAccount(en.app, en.resident.Id, " WA-00742 ", "742"); err != nil {
		t.Fatalf("link with the right house number: %v", err)
	}
	accts, err := payments.AccountsOf(en.app, en.resident.Id)
	if err != nil {
		t.Fatal(err)
	}
	if len(accts) != 1 || accts[0].Number != "WA-00742" || accts[0].Balance != 62.5 || accts[0].Due.Format("2006-01-02") != "2026-07-15" {
		t.Fatalf("linked accounts: %+v", accts)
	}
	// A second upload keeps the link and brings the new balance.
	if _, err := en.pay.ImportAccounts(en.app, strings.NewReader("account_number,house_number,balance,due_date\nWA-00742,742,10,2026-08-15\n")); err != nil {
		t.Fatal(err)
	}
	if accts, err = payments.AccountsOf(en.app, en.resident.Id); err != nil || len(accts) != 1 || accts[0].Balance != 10 {
		t.Fatalf("after a new upload: %+v, %v", accts, err)
	}
}

// A bad line names its line, and nothing of the file is stored.
func TestWaterAccountsBadFile(t *testing.T) {
	en := newEnv(t, false, "", 0, 0)
	_, err := en.pay.ImportAccounts(en.app, strings.NewReader("account_number,house_number,balance\nWA-1,1,12\nWA-2,2,lots\n"))
	var in *payments.InputError
	if !errors.As(err, &in) || in.For("file") == nil || in.For("file").Data["Count"] != 3 {
		t.Fatalf("error %v, want a field error naming line 3", err)
	}
	if n := schematest.Count(t, en.app, payments.UtilityAccounts); n != 0 {
		t.Errorf("%d accounts stored from a bad file", n)
	}
}
