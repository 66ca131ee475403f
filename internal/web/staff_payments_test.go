package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// deskWithBooking signs the clerk in on the desk (the clerk must exist) and
// books the demo resident's $40 pavilion booking.
func deskWithBooking(t *testing.T, app core.App) (*browser, *core.Record) {
	t.Helper()
	r := feeBooking(t, app)
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	return b, r
}

// The clerk takes cash at the counter on the desk's payments page: with no
// receipt number the form says so and nothing is paid; with one, the
// booking is paid, the month's figure counts it and the CSV lists it.
// Department staff do not see the page.
func TestDeskCounterPayment(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	staffMember(t, app, "water@staff.example", "water")
	b, r := deskWithBooking(t, app)
	b.expect(b.do("GET", "/en/staff/payments?kind=reservation&item="+r.Id, nil), http.StatusOK,
		"Collected this month, by kind", "Online payments are off", `value="`+r.Id+`"`)

	form := url.Values{"kind": {"reservation"}, "item": {r.Id}, "method": {"cash"}}
	b.expect(b.do("POST", "/en/staff/payments/counter", form), http.StatusUnprocessableEntity, "Enter the receipt number")
	if got, err := app.FindRecordById("reservations", r.Id); err != nil || got.GetBool("paid") {
		t.Fatalf("paid without a receipt number (%v)", err)
	}
	form.Set("receipt", "A-1042")
	rec := b.do("POST", "/en/staff/payments/counter", form)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("counter payment: %d %.500s", rec.Code, rec.Body.String())
	}
	if got, err := app.FindRecordById("reservations", r.Id); err != nil || !got.GetBool("paid") {
		t.Fatalf("the booking is not paid after cash (%v)", err)
	}
	b.expect(b.do("GET", "/en/staff/payments", nil), http.StatusOK, `<span class="metric-value">$40</span>`, "Cash (A-1042)")
	// The metrics show it too, to the clerk only.
	b.expect(b.do("GET", "/en/staff/metrics?period=this_month", nil), http.StatusOK,
		"Payments collected in this period, by kind", `<span class="metric-value">$40</span>`)
	csv := b.do("GET", "/en/staff/payments/payments.csv", nil)
	if csv.Code != http.StatusOK || !strings.Contains(csv.Body.String(), ",reservation,"+r.Id+",") || !strings.Contains(csv.Body.String(), "A-1042") {
		t.Errorf("CSV: %d %s", csv.Code, csv.Body.String())
	}
	staff := b.another()
	deskSignIn(staff, "en", "water@staff.example")
	staff.expect(staff.do("GET", "/en/staff/payments", nil), http.StatusForbidden)
	if page := staff.do("GET", "/en/staff/metrics", nil); strings.Contains(page.Body.String(), "Payments collected") {
		t.Error("a staff member sees the town's payments in the metrics")
	}
}

// The clerk uploads the billing system's accounts; the resident links one
// on their water bill page with the right house number (a wrong one is a
// field error) and sees its balance.
func TestWaterBillPage(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	b := deskBrowser(t, app, "en", "clerk@aldercreek.example")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("file", "accounts.csv")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write([]byte("account_number,house_number,address,balance,due_date\nWA-00031,31,\"31 Mill Street\",48.20,2026-07-15\n")); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, "/en/staff/payments/accounts", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	for _, c := range b.cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	b.mux.ServeHTTP(rec, req)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("upload: %d %.800s", rec.Code, rec.Body.String())
	}
	if n := schematest.Count(t, app, "utility_accounts", dbx.HashExp{"account_number": "WA-00031"}); n != 1 {
		t.Fatalf("%d accounts stored", n)
	}
	res := b.another()
	signIn(t, app, res)
	res.expect(res.do("POST", "/es/account/water", url.Values{"account": {"WA-00031"}, "house": {"13"}}), http.StatusUnprocessableEntity,
		"no coinciden con nuestros datos")
	rec = res.do("POST", "/es/account/water", url.Values{"account": {"WA-00031"}, "house": {"31"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("link: %d %.500s", rec.Code, rec.Body.String())
	}
	res.expect(res.do("GET", "/es/account/water", nil), http.StatusOK, "WA-00031", "$48.20", "Pague en la secretaría municipal")
}

// The clerk refunds part of a check from the desk: more than was paid is a
// field error and changes nothing; $10 is recorded on the payment and on
// the booking.
func TestDeskRefund(t *testing.T) {
	app := demoApp(t)
	clerk(t, app)
	b, r := deskWithBooking(t, app)
	if rec := b.do("POST", "/en/staff/payments/counter", url.Values{"kind": {"reservation"}, "item": {r.Id}, "method": {"check"}, "receipt": {"C-7"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("counter payment: %d", rec.Code)
	}
	p, err := app.FindFirstRecordByData("payments", "item", r.Id)
	if err != nil {
		t.Fatal(err)
	}
	b.expect(b.do("POST", "/en/staff/payments/"+p.Id+"/refund", url.Values{"amount": {"50"}}), http.StatusUnprocessableEntity, "Enter an amount between $0.01 and $40.")
	if rec := b.do("POST", "/en/staff/payments/"+p.Id+"/refund", url.Values{"amount": {"10"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("refund: %d %.500s", rec.Code, rec.Body.String())
	}
	p, err = app.FindRecordById("payments", p.Id)
	if err != nil {
		t.Fatal(err)
	}
	booked, err := app.FindRecordById("reservations", r.Id)
	if err != nil {
		t.Fatal(err)
	}
	if p.GetFloat("refunded") != 10 || p.GetString("state") != "refunded" || p.GetString("recorded_by") != "clerk@aldercreek.example" || booked.GetFloat("refunded") != 10 {
		t.Errorf("after a $10 refund: payment %v (%s, by %q), booking %v", p.GetFloat("refunded"), p.GetString("state"), p.GetString("recorded_by"), booked.GetFloat("refunded"))
	}
	b.expect(b.do("GET", "/en/staff/payments", nil), http.StatusOK, "$10 refunded", `<span class="metric-value">$30</span>`)
}
