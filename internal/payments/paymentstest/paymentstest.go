// Package paymentstest runs Stripe's own API mock (stripe-mock) for tests
// and signs webhook events with the test secret, as Stripe does.
package paymentstest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/stripe/stripe-go/v82"
	"github.com/stripe/stripe-go/v82/webhook"
)

// Test keys: stripe-mock takes any key that looks like one.
const (
	SecretKey     = "sk_test_townhall"
	WebhookSecret = "whsec_townhall_test"
)

// binary finds stripe-mock on PATH, in GOBIN or in GOPATH/bin (where
// scripts/install-test-deps.sh puts it).
func binary() string {
	if p, err := exec.LookPath("stripe-mock"); err == nil {
		return p
	}
	dirs := []string{os.Getenv("GOBIN")}
	for _, p := range filepath.SplitList(os.Getenv("GOPATH")) {
		dirs = append(dirs, filepath.Join(p, "bin"))
	}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, "go", "bin"))
	}
	for _, d := range dirs {
		if d == "" {
			continue
		}
		if p := filepath.Join(d, "stripe-mock"); fileExists(p) {
			return p
		}
	}
	return ""
}

func fileExists(p string) bool { st, err := os.Stat(p); return err == nil && !st.IsDir() }

// StripeMock starts stripe-mock on a free loopback port for this test and
// returns its base address once it answers. Without the binary the test is
// skipped, except in CI (CI=true), where it fails: CI installs it.
func StripeMock(t testing.TB) string {
	t.Helper()
	bin := binary()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("stripe-mock is not installed: scripts/install-test-deps.sh installs it")
		}
		t.Skip("stripe-mock is not installed (scripts/install-test-deps.sh installs it)")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		t.Fatal(err)
	}
	addr := "127.0.0.1:" + strconv.Itoa(port)
	cmd := exec.Command(bin, "-http-addr", addr)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start stripe-mock: %v", err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		req, err := http.NewRequest(http.MethodGet, base+"/v1/balance", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.SetBasicAuth(SecretKey, "")
		if res, err := http.DefaultClient.Do(req); err == nil {
			_ = res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("stripe-mock did not answer on %s within a minute", addr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// Configure saves the payment settings of a town that takes payments
// through the Stripe API at base, with the test keys and the given refund
// rule ("full", "part" or "none"), window and share.
func Configure(t testing.TB, app core.App, base, rule string, windowHours int, percent float64) *core.Record {
	t.Helper()
	col, err := app.FindCollectionByNameOrId("payment_settings")
	if err != nil {
		t.Fatal(err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"name": "Stripe", "stripe_secret_key": SecretKey, "webhook_secret": WebhookSecret,
		"stripe_api_base": base, "currency": "usd", "refund_rule": rule, "refund_window_hours": windowHours, "refund_percent": percent})
	if err := app.Save(r); err != nil {
		t.Fatalf("save payment settings: %v", err)
	}
	return r
}

// CompletedEvent is a checkout.session.completed event for a paid session,
// signed with secret as Stripe signs it: the body and its
// Stripe-Signature header.
func CompletedEvent(t testing.TB, secret, eventID, sessionID, intent string) ([]byte, string) {
	t.Helper()
	return SignedEvent(t, secret, map[string]any{
		"id": eventID, "object": "event", "type": "checkout.session.completed", "api_version": stripe.APIVersion,
		"created": time.Now().Unix(),
		"data": map[string]any{"object": map[string]any{"id": sessionID, "object": "checkout.session",
			"status": "complete", "payment_status": "paid", "payment_intent": intent}},
	})
}

// SignedEvent signs an event body with secret.
func SignedEvent(t testing.TB, secret string, event map[string]any) ([]byte, string) {
	t.Helper()
	body, err := json.Marshal(event)
	if err != nil {
		t.Fatal(err)
	}
	sp := webhook.GenerateTestSignedPayload(&webhook.UnsignedPayload{Payload: body, Secret: secret, Timestamp: time.Now()})
	return sp.Payload, sp.Header
}

// Describe names a payment for failure messages.
func Describe(r *core.Record) string {
	return fmt.Sprintf("payment %s (%s %s, %s, session %q)", r.Id, r.GetString("kind"), r.GetString("item"), r.GetString("state"), r.GetString("session_id"))
}
