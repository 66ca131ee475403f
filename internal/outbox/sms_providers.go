package outbox

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
)

// smsProvider sends one text through a provider's API and returns the
// provider's id for it.
type smsProvider interface {
	send(c *http.Client, s SMSSettings, to, body, callback string) (string, error)
}

func providerFor(s SMSSettings) smsProvider {
	if s.Provider == ProviderAndroid {
		return android{}
	}
	return twilio{}
}

// twilio speaks Twilio's Messages API, which Telnyx (TeXML) and SignalWire
// (LaML) copy: "POST /2010-04-01/Accounts/{AccountSid}/Messages.json" with
// HTTP basic auth (Account SID : Auth Token) and the form fields To, From,
// Body and StatusCallback; it answers 201 with the message resource, whose
// "sid" the status callbacks name, or an error object {"code", "message",
// "status"}. https://www.twilio.com/docs/messaging/api/message-resource
type twilio struct{}

func (twilio) send(c *http.Client, s SMSSettings, to, body, callback string) (string, error) {
	form := url.Values{"To": {to}, "From": {s.From}, "Body": {body}}
	if callback != "" {
		form.Set("StatusCallback", callback)
	}
	endpoint := strings.TrimRight(s.BaseURL, "/") + "/2010-04-01/Accounts/" + url.PathEscape(s.Account) + "/Messages.json"
	var out struct {
		Sid     string `json:"sid"`
		Code    int    `json:"code"`
		Message string `json:"message"`
	}
	status, err := post(c, s, endpoint, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), &out)
	if err != nil {
		return "", fmt.Errorf("twilio: %w", err)
	}
	if status/100 != 2 || out.Sid == "" {
		return "", providerError("twilio", status, fmt.Sprintf("error %d: %s", out.Code, out.Message))
	}
	return out.Sid, nil
}

// android speaks the local server of SMS Gateway for Android
// (capcom6/android-sms-gateway): "POST /message" on the phone's address
// with HTTP basic auth (the username and password on the app's Home tab)
// and a JSON body {"message": "...", "phoneNumbers": ["+1..."]}; it
// answers 202 with {"id": "...", "state": "Pending", ...}.
// https://docs.sms-gate.app/getting-started/local-server/
type android struct{}

func (android) send(c *http.Client, s SMSSettings, to, body, _ string) (string, error) {
	payload, err := json.Marshal(map[string]any{"message": body, "phoneNumbers": []string{to}})
	if err != nil {
		return "", err
	}
	var out struct {
		ID    string `json:"id"`
		State string `json:"state"`
	}
	status, err := post(c, s, strings.TrimRight(s.BaseURL, "/")+"/message", "application/json", bytes.NewReader(payload), &out)
	if err != nil {
		return "", fmt.Errorf("android gateway: %w", err)
	}
	if status/100 != 2 || out.ID == "" {
		return "", providerError("android gateway", status, "state "+out.State)
	}
	return out.ID, nil
}

// post sends body to endpoint with the provider account's basic auth and
// reads a JSON answer (at most 64 KB) into out; an answer that is not JSON
// leaves out empty. It returns the answer's HTTP status.
func post(c *http.Client, s SMSSettings, endpoint, contentType string, body io.Reader, out any) (int, error) {
	req, err := http.NewRequest(http.MethodPost, endpoint, body)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", contentType)
	req.SetBasicAuth(s.Account, s.Secret)
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return resp.StatusCode, err
	}
	_ = json.Unmarshal(data, out)
	return resp.StatusCode, nil
}

// providerError is a refusal: a 4xx other than 429 (a wrong number, bad
// credentials) will not change on retry, so the text fails at once.
func providerError(name string, status int, detail string) error {
	err := fmt.Errorf("%s answered HTTP %d (%s)", name, status, detail)
	if status/100 == 4 && status != http.StatusTooManyRequests {
		return fmt.Errorf("%w: %w", ErrPermanent, err)
	}
	return err
}
