package sms_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/markdown"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/requests"
)

// A question is answered with a sentence found word for word in a help
// page, its link and the offer of a person; CLERK then files the question
// for the clerk, by text.
func TestQuestionIsAnsweredFromAPageThenClerk(t *testing.T) {
	tw := newTown(t, outbox.ProviderTwilio)
	got := tw.reply("when is trash picked up?")
	mustContain(t, got, appURL+"/en/help/waste/trash-and-recycling-collection", "Reply CLERK to ask a person.")
	page, err := tw.app.FindFirstRecordByFilter("pages", "slug = 'trash-and-recycling-collection'")
	if err != nil {
		t.Fatal(err)
	}
	sentence := strings.SplitN(got, " https://", 2)[0]
	if !strings.Contains(markdown.PlainText(page.GetString("body")), sentence) {
		t.Fatalf("the answer %q is not a sentence of the page", sentence)
	}
	filed := tw.reply("clerk")
	number := regexp.MustCompile(`\d{4}-\d{4}`).FindString(filed)
	req, err := requests.ByNumber(tw.app, number)
	if err != nil {
		t.Fatalf("CLERK filed nothing: %q (%v)", filed, err)
	}
	svc, err := tw.app.FindRecordById("services", req.GetString("service"))
	if err != nil {
		t.Fatal(err)
	}
	if svc.GetString("code") != "general" || req.GetString("channel") != requests.ChannelSMS ||
		!strings.Contains(req.GetString("description"), "when is trash picked up?") {
		t.Fatalf("question filed as %s by %s: %q", svc.GetString("code"), req.GetString("channel"), req.GetString("description"))
	}
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
