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

// A whole REPORT conversation, picture included, files a request with
// channel sms, the number's contact phone and texts chosen, and texts back
// its number and private tracking link.
func TestReportByTextFilesARequest(t *testing.T) {
	tw := newTown(t, outbox.ProviderTwilio)
	list := tw.reply("REPORT")
	mustContain(t, list, "1 Pothole", "2 ")
	mustContain(t, tw.reply("1"), "What is wrong?")
	// Where the conversation stands is stored, not held in memory: a
	// restart between two texts loses nothing.
	num, err := tw.app.FindFirstRecordByData("sms_numbers", "number", resident)
	if err != nil || num.GetString("step") != "what" || !strings.Contains(num.GetString("state"), `"service":"pothole"`) {
		t.Fatalf("stored conversation: %v %v", num, err)
	}
	mustContain(t, tw.reply("Deep pothole in front of the library"), "Where is it?")
	mustContain(t, tw.reply("Main Street and 2nd Avenue"), "photo")
	done := tw.reply("", tw.twilio.URL+"/media/pic1")
	number := regexp.MustCompile(`\d{4}-\d{4}`).FindString(done)
	if number == "" {
		t.Fatalf("the last reply names no request: %q", done)
	}
	mustContain(t, done, appURL+"/en/requests/"+number+"?key=")
	req, err := requests.ByNumber(tw.app, number)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := tw.app.FindRecordById("services", req.GetString("service"))
	if err != nil {
		t.Fatal(err)
	}
	if req.GetString("channel") != requests.ChannelSMS || svc.GetString("code") != "pothole" ||
		req.GetString("contact_phone") != resident || !req.GetBool("text_updates") ||
		req.GetString("address") != "Main Street and 2nd Avenue" || len(req.GetStringSlice("photos")) != 1 {
		t.Fatalf("request %s: channel %q, service %q, phone %q, texts %v, address %q, photos %v", number,
			req.GetString("channel"), svc.GetString("code"), req.GetString("contact_phone"), req.GetBool("text_updates"),
			req.GetString("address"), req.GetStringSlice("photos"))
	}
	// The form's required question, which a text does not ask, is listed
	// for the staff, as for an email.
	if n := tw.count("request_updates", dbx.HashExp{"request": req.Id, "kind": "note"},
		dbx.Like("body", "How big is it")); n != 1 {
		t.Fatalf("%d staff notes naming the unasked question, want 1", n)
	}
	if n := tw.count("sms_messages", dbx.HashExp{"number": resident}); n != 5 {
		t.Fatalf("%d texts stored, want 5", n)
	}
}

// A text that describes a problem starts a report with its words.
func TestAProblemTextStartsAReport(t *testing.T) {
	tw := newTown(t, outbox.ProviderAndroid)
	mustContain(t, tw.reply("The street light on Elm Street is out again"), "1 Pothole", "Reply with its number")
	mustContain(t, tw.reply("2"), "Where is it?")
}

// A question is answered with a sentence found word for word in a help
// page, its link and the offer of a person; CLERK then files the question
// for the clerk, by text. It runs on the demo town on purpose: the one test
// of the text channel end to end against the seeded town, its help pages
// and its clerk's service.
func TestQuestionIsAnsweredFromAPageThenClerk(t *testing.T) {
	tw := newDemoTown(t, outbox.ProviderTwilio)
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
