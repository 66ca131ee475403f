package outbox

import (
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// SettingsCollection holds the text-message provider the clerk sets up.
const SettingsCollection = "sms_settings"

// KindStopped is the kind of the one text a number gets after STOP: the
// confirmation that nothing more will come.
const KindStopped = "sms.stopped"

// DefaultDailyCap is the daily cap when the clerk leaves it at 0.
const DefaultDailyCap = 500

// The providers an sms_settings record may name.
const (
	ProviderTwilio  = "twilio"
	ProviderAndroid = "android"
)

// SMSSettings is the provider the clerk set, read from sms_settings.
type SMSSettings struct {
	Provider   string // ProviderTwilio or ProviderAndroid
	BaseURL    string
	Account    string // Twilio: Account SID; Android gateway: username
	Secret     string // Twilio: Auth Token; Android gateway: password
	From       string // Twilio: the town's number
	SigningKey string // Android gateway: the webhook signing key
	DailyCap   int
}

var e164 = regexp.MustCompile(`^\+[1-9][0-9]{6,14}$`)

// ValidNumber reports whether s is a phone number as +15551234567 (E.164).
func ValidNumber(s string) bool { return e164.MatchString(s) }

// LoadSMSSettings returns the first active provider, and false when the
// clerk has set none.
func LoadSMSSettings(app core.App) (SMSSettings, bool, error) {
	r, err := app.FindFirstRecordByFilter(SettingsCollection, "active = true")
	if errors.Is(err, sql.ErrNoRows) {
		return SMSSettings{}, false, nil
	}
	if err != nil {
		return SMSSettings{}, false, fmt.Errorf("read sms settings: %w", err)
	}
	s := SMSSettings{Provider: r.GetString("provider"), BaseURL: r.GetString("base_url"), Account: r.GetString("account"),
		Secret: r.GetString("secret"), From: r.GetString("from_number"), SigningKey: r.GetString("signing_key"),
		DailyCap: r.GetInt("daily_cap")}
	if s.DailyCap <= 0 {
		s.DailyCap = DefaultDailyCap
	}
	return s, true, nil
}

// missing names what the clerk still has to fill in, or "".
func (s SMSSettings) missing() string {
	switch {
	case s.BaseURL == "":
		return "base_url"
	case s.Account == "":
		return "account"
	case s.Secret == "":
		return "secret"
	case s.Provider == ProviderTwilio && s.From == "":
		return "from_number"
	}
	return ""
}

// Stopped reports whether number texted STOP (and not START since).
func Stopped(app core.App, number string) (bool, error) {
	n, err := app.CountRecords("sms_numbers", dbx.HashExp{"number": number, "stopped": true})
	if err != nil {
		return false, fmt.Errorf("check the stop list: %w", err)
	}
	return n > 0, nil
}

// SMS sends texts through the provider in sms_settings, at most the daily
// cap a day, never to a number that texted STOP.
type SMS struct{}

// The reasons shown on held texts, written for the clerk.
const (
	SMSHeldReason = "Texts are not sent: no text-message provider is set up. " +
		"The clerk can add one in the admin UI (collection sms_settings, active); held texts go out then."
	smsIncomplete = "Texts are not sent: the provider in sms_settings has no %s yet."
	smsCapped     = "Texts wait for tomorrow (UTC): today's cap of %d texts is reached (sms_settings → daily_cap)."
)

// Held holds texts while no provider is set, while it lacks a credential,
// and once the day's cap is reached.
func (SMS) Held(app core.App) string {
	s, ok, err := LoadSMSSettings(app)
	switch {
	case err != nil:
		return err.Error()
	case !ok:
		return SMSHeldReason
	case s.missing() != "":
		return fmt.Sprintf(smsIncomplete, s.missing())
	}
	if n, err := sentToday(app, time.Now()); err != nil {
		return err.Error()
	} else if n >= s.DailyCap {
		return fmt.Sprintf(smsCapped, s.DailyCap)
	}
	return ""
}

// sentToday counts the texts sent since midnight UTC.
func sentToday(app core.App, now time.Time) (int, error) {
	day := now.UTC().Truncate(24 * time.Hour)
	n, err := app.CountRecords(Collection, dbx.HashExp{"channel": ChannelSMS},
		dbx.NewExp("[[sent_at]] >= {:day}", dbx.Params{"day": dbTime(day)}))
	if err != nil {
		return 0, fmt.Errorf("count today's texts: %w", err)
	}
	return int(n), nil
}

// smsClient is the HTTP client for providers: a provider that hangs is cut
// off well within the worker's SendTimeout.
var smsClient = &http.Client{Timeout: 30 * time.Second}

// Send hands r to the provider and keeps the provider's id for its status
// reports. The cap is checked again here: one pass may send many texts.
func (SMS) Send(app core.App, r *core.Record, accepted func()) error {
	s, ok, err := LoadSMSSettings(app)
	if err != nil {
		return err
	}
	if !ok || s.missing() != "" {
		return Hold(SMSHeldReason)
	}
	if n, err := sentToday(app, time.Now()); err != nil {
		return err
	} else if n >= s.DailyCap {
		return Hold(fmt.Sprintf(smsCapped, s.DailyCap))
	}
	to := r.GetString("to")
	if stopped, err := Stopped(app, to); err != nil {
		return err
	} else if stopped && r.GetString("kind") != KindStopped {
		return fmt.Errorf("%w: the number texted STOP after this text was queued", ErrPermanent)
	}
	id, err := providerFor(s).send(smsClient, s, to, r.GetString("text"), callbackURL(app, s))
	if err != nil {
		return err
	}
	accepted()
	if _, err := app.DB().Update(Collection, dbx.Params{"provider_id": id, "delivery": "accepted"},
		dbx.HashExp{"id": r.Id}).Execute(); err != nil {
		return fmt.Errorf("keep the provider's id of a sent text: %w", err)
	}
	return nil
}

// callbackURL is where Twilio reports a text's delivery: the site's
// address as the clerk set it (Settings → Application URL).
func callbackURL(app core.App, s SMSSettings) string {
	base := settings(app).Meta.AppURL
	if s.Provider != ProviderTwilio || base == "" {
		return ""
	}
	return base + "/sms/twilio/status"
}

// RecordDelivery notes what the provider reports of the text it knows as
// providerID (Twilio's MessageStatus and ErrorCode). An unknown id is not
// an error: the report may be for a text sent before a restore.
func RecordDelivery(app core.App, providerID, status, errorCode string) error {
	r, err := app.FindFirstRecordByData(Collection, "provider_id", providerID)
	if errors.Is(err, sql.ErrNoRows) || providerID == "" {
		return nil
	}
	if err != nil {
		return fmt.Errorf("find the text of a status report: %w", err)
	}
	r.Set("delivery", status)
	if status == "failed" || status == "undelivered" {
		r.Set("error", fmt.Sprintf("The provider reports the text %s (error code %s).", status, errorCode))
	}
	return app.Save(r)
}

// NormalizeNumber writes a phone number as a resident may type it in the
// form +15551234567: spaces, dots, dashes and brackets go; ten digits (or
// eleven starting with 1) are a North American number. It returns false
// when the result is not a number a text can go to.
func NormalizeNumber(s string) (string, bool) {
	var b strings.Builder
	for i, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == '+' && i == 0:
			b.WriteRune(r)
		case strings.ContainsRune(" .-()/", r):
		default:
			return "", false
		}
	}
	n := b.String()
	switch {
	case strings.HasPrefix(n, "+"):
	case len(n) == 10:
		n = "+1" + n
	case len(n) == 11 && n[0] == '1':
		n = "+" + n
	default:
		return "", false
	}
	return n, ValidNumber(n)
}
