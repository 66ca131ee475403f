package sms

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/outbox"
)

// maxWebhookBody bounds what a provider may post.
const maxWebhookBody = 64 << 10

// emptyTwiML answers a Twilio webhook without a message: replies go out
// through the outbox (retried, capped), not in the webhook's answer.
const emptyTwiML = `<?xml version="1.0" encoding="UTF-8"?><Response/>`

// twilioInbound takes a text from Twilio (or Telnyx TeXML, SignalWire):
// a form POST with From, To, Body, MessageSid, NumMedia and MediaUrl0…,
// signed in X-Twilio-Signature. A bad or missing signature is refused
// with 403 and nothing is stored.
func (c *Channel) twilioInbound(e *core.RequestEvent) error {
	s, form, ok := c.twilioForm(e)
	if !ok {
		return e.String(http.StatusForbidden, "bad signature\n")
	}
	in := Inbound{Provider: outbox.ProviderTwilio, ID: form.Get("MessageSid"), From: form.Get("From"), Body: form.Get("Body")}
	n, _ := strconv.Atoi(form.Get("NumMedia"))
	for i := 0; i < min(n, maxMedia); i++ {
		if u := form.Get("MediaUrl" + strconv.Itoa(i)); u != "" {
			in.Media = append(in.Media, u)
		}
	}
	if err := c.Receive(e.App, s, in); err != nil {
		e.App.Logger().Error("sms: inbound text", "provider", "twilio", "error", err)
		return e.String(http.StatusInternalServerError, "not stored\n")
	}
	e.Response.Header().Set("Content-Type", "text/xml; charset=utf-8")
	return e.String(http.StatusOK, emptyTwiML)
}

// twilioStatus records what Twilio reports of a text it was given: the
// form fields MessageSid, MessageStatus (queued, sent, delivered,
// undelivered, failed) and ErrorCode, signed like an inbound text.
func (c *Channel) twilioStatus(e *core.RequestEvent) error {
	_, form, ok := c.twilioForm(e)
	if !ok {
		return e.String(http.StatusForbidden, "bad signature\n")
	}
	if err := outbox.RecordDelivery(e.App, form.Get("MessageSid"), form.Get("MessageStatus"), form.Get("ErrorCode")); err != nil {
		e.App.Logger().Error("sms: status callback", "error", err)
		return e.String(http.StatusInternalServerError, "not stored\n")
	}
	return e.NoContent(http.StatusNoContent)
}

// twilioForm reads and checks a signed Twilio post.
func (c *Channel) twilioForm(e *core.RequestEvent) (outbox.SMSSettings, url.Values, bool) {
	s, ok, err := outbox.LoadSMSSettings(e.App)
	if err != nil || !ok || s.Provider != outbox.ProviderTwilio || s.Secret == "" {
		return s, nil, false
	}
	e.Request.Body = http.MaxBytesReader(e.Response, e.Request.Body, maxWebhookBody)
	if err := e.Request.ParseForm(); err != nil {
		return s, nil, false
	}
	form := e.Request.PostForm
	want := TwilioSignature(s.Secret, webhookURL(e), form)
	got := e.Request.Header.Get("X-Twilio-Signature")
	return s, form, got != "" && hmac.Equal([]byte(got), []byte(want))
}

// TwilioSignature is Twilio's X-Twilio-Signature of a form post: "take the
// full URL of the request URL you specify for your phone number or app,
// from the protocol (https...) through the end of the query string; if the
// request is a POST, sort all of the POST parameters alphabetically (using
// Unix-style case-sensitive sorting order); iterate through the sorted list
// of POST parameters, and append the variable name and value (with no
// delimiters) to the end of the URL string; sign the resulting string with
// HMAC-SHA1 using your AuthToken as the key; Base64 encode the resulting
// hash value." (https://www.twilio.com/docs/usage/webhooks/webhooks-security)
func TwilioSignature(authToken, fullURL string, form url.Values) string {
	keys := make([]string, 0, len(form))
	for k := range form {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString(fullURL)
	for _, k := range keys {
		for _, v := range form[k] {
			b.WriteString(k + v)
		}
	}
	mac := hmac.New(sha1.New, []byte(authToken))
	mac.Write([]byte(b.String()))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// webhookURL is the address the provider called, as the clerk configured
// it: the site's Application URL (so a proxy in front does not change
// it) and the path and query asked for.
func webhookURL(e *core.RequestEvent) string {
	base := strings.TrimRight(e.App.Settings().Meta.AppURL, "/")
	if base == "" {
		scheme := "http"
		if e.IsTLS() {
			scheme = "https"
		}
		base = scheme + "://" + e.Request.Host
	}
	return base + e.Request.URL.RequestURI()
}
