package sms

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/outbox"
)

// signatureWindow is how far X-Timestamp may be from now.
const signatureWindow = 5 * time.Minute

// androidEvent is a webhook post of SMS Gateway for Android: {"deviceId",
// "event": "sms:received", "id", "payload": {"messageId", "message",
// "phoneNumber", "simNumber", "receivedAt"}, "webhookId"}. The docs warn
// that messageId "is generated based on the message content and is not
// guaranteed to be unique", so the event's id is the key.
type androidEvent struct {
	Event   string `json:"event"`
	ID      string `json:"id"`
	Payload struct {
		MessageID   string `json:"messageId"`
		Message     string `json:"message"`
		PhoneNumber string `json:"phoneNumber"`
	} `json:"payload"`
}

// androidInbound takes a text from the gateway phone's sms:received
// webhook. A bad signature or an old timestamp is refused with 403 and
// nothing is stored; other events are acknowledged and ignored.
func (c *Channel) androidInbound(e *core.RequestEvent) error {
	s, ok, err := outbox.LoadSMSSettings(e.App)
	if err != nil || !ok || s.Provider != outbox.ProviderAndroid || s.SigningKey == "" {
		return e.String(http.StatusForbidden, "bad signature\n")
	}
	body, err := io.ReadAll(http.MaxBytesReader(e.Response, e.Request.Body, maxWebhookBody))
	if err != nil {
		return e.String(http.StatusRequestEntityTooLarge, "too large\n")
	}
	ts := e.Request.Header.Get("X-Timestamp")
	if !AndroidSignatureValid(s.SigningKey, body, ts, e.Request.Header.Get("X-Signature"), time.Now()) {
		return e.String(http.StatusForbidden, "bad signature\n")
	}
	var ev androidEvent
	if err := json.Unmarshal(body, &ev); err != nil {
		return e.String(http.StatusBadRequest, "not JSON\n")
	}
	if ev.Event != "sms:received" {
		return e.NoContent(http.StatusNoContent)
	}
	in := Inbound{Provider: outbox.ProviderAndroid, ID: ev.ID, From: ev.Payload.PhoneNumber, Body: ev.Payload.Message}
	if err := c.Receive(e.App, s, in); err != nil {
		e.App.Logger().Error("sms: inbound text", "provider", "android", "error", err)
		return e.String(http.StatusInternalServerError, "not stored\n")
	}
	return e.NoContent(http.StatusNoContent)
}

// AndroidSignature is the gateway's X-Signature: "1. Get raw request body
// as received (before JSON parsing); 2. Concatenate with X-Timestamp value;
// 3. Compute HMAC-SHA256 using the signing key; 4. Compare result with
// X-Signature header" (hexadecimal), as its webhook docs say
// (docs.sms-gate.app, Features → Webhooks → Payload Signing).
func AndroidSignature(key string, body []byte, timestamp string) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write(body)
	mac.Write([]byte(timestamp))
	return hex.EncodeToString(mac.Sum(nil))
}

// AndroidSignatureValid checks the signature and that the timestamp (Unix
// seconds) is within signatureWindow of now, against replays.
func AndroidSignatureValid(key string, body []byte, timestamp, signature string, now time.Time) bool {
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || signature == "" {
		return false
	}
	if d := now.Sub(time.Unix(sec, 0)); d > signatureWindow || d < -signatureWindow {
		return false
	}
	return hmac.Equal([]byte(signature), []byte(AndroidSignature(key, body, timestamp)))
}
