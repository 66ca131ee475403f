package sms_test

import (
	"net/url"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/sms"
)

// Twilio's own example of a signed request: the signature documented for
// it is what TwilioSignature computes.
func TestTwilioSignatureMatchesTheDocumentedExample(t *testing.T) {
	form := url.Values{"CallSid": {"CA1234567890ABCDE"}, "Caller": {"+12349013030"}, "Digits": {"1234"},
		"From": {"+12349013030"}, "To": {"+18005551212"}}
	got := sms.TwilioSignature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2", form)
	if want := "0/KCTR6DLpKmkAf8muzZqo1nDgQ="; got != want {
		t.Fatalf("signature %q, want %q", got, want)
	}
}

// A text with a bad or missing signature is refused with 403 and nothing
// of it is stored, from either provider.
func TestBadSignatureStoresNothing(t *testing.T) {
	t.Run("twilio", func(t *testing.T) {
		tw := newTown(t, outbox.ProviderTwilio)
		form := tw.twilio.Inbound(resident, "REPORT")
		good := tw.twilio.Sign(sms.TwilioPath, form) // signed for another address
		for name, sig := range map[string]string{"missing": "", "wrong url": good, "forged": "AAAA"} {
			code := tw.post(sms.TwilioPath, []byte(form.Encode()), map[string]string{
				"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sig})
			if code != 403 {
				t.Errorf("%s signature: HTTP %d, want 403", name, code)
			}
		}
		tampered := tw.twilio.Inbound(resident, "REPORT")
		sig := tw.twilio.Sign(appURL+sms.TwilioPath, tampered)
		tampered.Set("Body", "STOP")
		if code := tw.post(sms.TwilioPath, []byte(tampered.Encode()), map[string]string{
			"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sig}); code != 403 {
			t.Errorf("changed body: HTTP %d, want 403", code)
		}
		if n := tw.count("sms_messages"); n != 0 {
			t.Fatalf("%d texts stored from bad signatures", n)
		}
	})
	t.Run("android", func(t *testing.T) {
		tw := newTown(t, outbox.ProviderAndroid)
		body, h := tw.android.Received(resident, "REPORT", time.Now())
		h["X-Signature"] = "00" + h["X-Signature"][2:]
		if code := tw.post(sms.AndroidPath, body, h); code != 403 {
			t.Errorf("forged: HTTP %d, want 403", code)
		}
		old, h := tw.android.Received(resident, "REPORT", time.Now().Add(-time.Hour))
		if code := tw.post(sms.AndroidPath, old, h); code != 403 {
			t.Errorf("an hour old: HTTP %d, want 403", code)
		}
		if n := tw.count("sms_messages"); n != 0 {
			t.Fatalf("%d texts stored from bad signatures", n)
		}
		body, h = tw.android.Received(resident, "HELP", time.Now())
		for range 2 { // the app retries a webhook it thinks failed: handled once
			if code := tw.post(sms.AndroidPath, body, h); code != 204 {
				t.Fatalf("good signature: HTTP %d", code)
			}
		}
		if n := tw.count("sms_messages"); n != 1 {
			t.Fatalf("%d texts stored from one good webhook sent twice, want 1", n)
		}
	})
}

// Twilio's status callbacks, signed, update the text in the outbox.
func TestTwilioStatusCallbackUpdatesTheOutbox(t *testing.T) {
	tw := newTown(t, outbox.ProviderTwilio)
	tw.reply("HELP")
	sent := tw.twilio.Sent()[0]
	tw.eventually("the text keeps Twilio's id", func() bool {
		return tw.count(outbox.Collection, dbx.HashExp{"provider_id": sent.ID}) == 1
	})
	if sent.StatusCallback != appURL+"/sms/twilio/status" {
		t.Fatalf("status callback %q", sent.StatusCallback)
	}
	form := map[string][]string{"MessageSid": {sent.ID}, "MessageStatus": {"undelivered"}, "ErrorCode": {"30003"},
		"AccountSid": {tw.twilio.AccountSID}}
	sig := tw.twilio.Sign(sent.StatusCallback, form)
	body := []byte("MessageSid=" + sent.ID + "&MessageStatus=undelivered&ErrorCode=30003&AccountSid=" + tw.twilio.AccountSID)
	if code := tw.post("/sms/twilio/status", body, map[string]string{"Content-Type": "application/x-www-form-urlencoded",
		"X-Twilio-Signature": sig}); code != 204 {
		t.Fatalf("status callback: HTTP %d", code)
	}
	n := tw.count(outbox.Collection, dbx.HashExp{"provider_id": sent.ID, "delivery": "undelivered"})
	if n != 1 {
		t.Fatalf("%d outbox texts marked undelivered, want 1", n)
	}
}
