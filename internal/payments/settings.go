package payments

import (
	"fmt"
	"net/http"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/stripe/stripe-go/v82"
)

// Refund rules the town may choose.
const (
	RefundFull = "full"
	RefundPart = "part"
	RefundNone = "none"
)

// Settings is the payment_settings record: the keys the clerk set in the
// dashboard, the refund rule and the water bill's pay link.
type Settings struct {
	SecretKey, WebhookSecret string
	APIBase                  string // empty: Stripe itself
	Currency                 string
	RefundWindow             time.Duration
	RefundRule               string
	RefundPercent            float64
	BillPayURL               string
}

// Online reports whether residents may pay through Stripe.
func (s *Settings) Online() bool { return s.SecretKey != "" }

// LoadSettings reads the settings record; with none, payments are offline.
func LoadSettings(app core.App) (*Settings, error) {
	s := &Settings{Currency: "usd", RefundRule: RefundNone}
	recs, err := app.FindRecordsByFilter(SettingsName, "", "created", 1, 0)
	if err != nil {
		return nil, fmt.Errorf("read payment settings: %w", err)
	}
	if len(recs) == 0 {
		return s, nil
	}
	r := recs[0]
	s.SecretKey, s.WebhookSecret = r.GetString("stripe_secret_key"), r.GetString("webhook_secret")
	s.APIBase, s.BillPayURL = r.GetString("stripe_api_base"), r.GetString("bill_pay_url")
	if c := r.GetString("currency"); c != "" {
		s.Currency = c
	}
	if rule := r.GetString("refund_rule"); rule != "" {
		s.RefundRule = rule
	}
	s.RefundWindow = time.Duration(r.GetInt("refund_window_hours")) * time.Hour
	s.RefundPercent = r.GetFloat("refund_percent")
	return s, nil
}

// client is a Stripe client with the town's key, at the configured base
// address (a mock server in tests).
func (s *Settings) client() *stripe.Client {
	cfg := &stripe.BackendConfig{HTTPClient: &http.Client{Timeout: 30 * time.Second}, MaxNetworkRetries: stripe.Int64(1),
		LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelError}}
	if s.APIBase != "" {
		cfg.URL = stripe.String(s.APIBase)
	}
	return stripe.NewClient(s.SecretKey, stripe.WithBackends(stripe.NewBackendsWithConfig(cfg)))
}
