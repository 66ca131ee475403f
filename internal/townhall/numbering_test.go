package townhall_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/townhall/townhalltest"
)

// server serves app's whole router (REST API and site) on a loopback port.
func server(t *testing.T, app core.App) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(schematest.Mux(t, app))
	t.Cleanup(srv.Close)
	return srv
}

// Forty requests created at once by the clerk through the REST API (the
// dashboard's path), while residents send the web form, are all stored,
// with distinct numbers and no gaps.
func TestConcurrentRequestsAreAllNumbered(t *testing.T) {
	app, _ := townhalltest.NewRequestsApp(t)
	defer app.Cleanup()
	// The site's own limits are not under test: the form posts all come
	// from this loopback address.
	// Before the server starts: saving settings while its jobs log races
	// inside PocketBase's logger.
	s, err := app.Settings().Clone()
	if err != nil {
		t.Fatal(err)
	}
	s.RateLimits.ExcludedIPs = []string{"127.0.0.1", "::1"}
	if err := app.Save(s); err != nil {
		t.Fatal(err)
	}
	srv := server(t, app)
	token := schematest.AuthToken(t, app, core.CollectionNameSuperusers, "admin@aldercreek.example")
	svc, err := app.FindFirstRecordByData("services", "code", "streetlight")
	if err != nil {
		t.Fatal(err)
	}
	before, err := app.CountRecords("requests")
	if err != nil {
		t.Fatal(err)
	}
	const rest, web = 40, 10
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var wg sync.WaitGroup
	errs := make(chan string, rest+web)
	for i := range rest {
		wg.Go(func() {
			body := fmt.Sprintf(`{"service":%q,"channel":"phone","status":"new","contact_name":"Caller %d","address":"Pole %d","answers":{"problem":"dark"}}`, svc.Id, i, i)
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/api/collections/requests/records", strings.NewReader(body))
			if err != nil {
				errs <- err.Error()
				return
			}
			req.Header.Set("Authorization", token)
			req.Header.Set("Content-Type", "application/json")
			if status, text := send(client, req); status != http.StatusOK {
				errs <- fmt.Sprintf("REST %d: %d %s", i, status, text)
			}
		})
	}
	for i := range web {
		wg.Go(func() {
			form := url.Values{"action": {"submit"}, "description": {"Dark"}, "address": {fmt.Sprintf("Lamp %d", i)},
				"attr.problem": {"dark"}, "contact_email": {fmt.Sprintf("w%d@example.com", i)}}
			req, err := http.NewRequest(http.MethodPost, srv.URL+"/en/services/streetlight/request", strings.NewReader(form.Encode()))
			if err != nil {
				errs <- err.Error()
				return
			}
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.Header.Set("Origin", srv.URL)
			if status, text := send(client, req); status != http.StatusSeeOther {
				errs <- fmt.Sprintf("web %d: %d %.300s", i, status, text)
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	checkNumbers(t, app, int(before), rest+web)
}

func send(client *http.Client, req *http.Request) (int, string) {
	res, err := client.Do(req)
	if err != nil {
		return 0, err.Error()
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, "read the answer: " + err.Error()
	}
	return res.StatusCode, string(b)
}

// checkNumbers wants want requests more than before, numbered this year
// from 1 up without a gap.
func checkNumbers(t *testing.T, app core.App, before, want int) {
	t.Helper()
	recs, err := app.FindAllRecords("requests")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != before+want {
		t.Fatalf("%d requests stored, want %d", len(recs)-before, want)
	}
	ny := schematest.Location(t, "America/New_York")
	prefix := strconv.Itoa(time.Now().In(ny).Year()) + "-"
	var seqs []int
	for _, r := range recs {
		if n, ok := strings.CutPrefix(r.GetString("number"), prefix); ok {
			i, err := strconv.Atoi(n)
			if err != nil {
				t.Fatalf("number %q", r.GetString("number"))
			}
			seqs = append(seqs, i)
		}
	}
	slices.Sort(seqs)
	for i, n := range seqs {
		if n != i+1 {
			t.Fatalf("numbers this year are not 1..%d without gaps: %v", len(seqs), seqs)
		}
	}
	if len(seqs) < want {
		t.Fatalf("%d numbers this year, want at least %d", len(seqs), want)
	}
}
