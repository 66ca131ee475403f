package sms_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/requests"
)

// After STOP a status change queues no text; after START it does again.
func TestStopEndsTextsWhateverTheProvider(t *testing.T) {
	tw := newTown(t, outbox.ProviderAndroid)
	req := tw.file(resident, "en")
	tw.setStatus(req, requests.StatusInProgress)
	if n := tw.textsTo(resident, "request.update.sms"); n != 1 {
		t.Fatalf("%d update texts before STOP, want 1", n)
	}
	mustContain(t, tw.reply("Stop"), "no more texts", "START")
	tw.setStatus(req, requests.StatusWaiting)
	if n := tw.textsTo(resident, "request.update.sms"); n != 1 {
		t.Fatalf("%d update texts after STOP, want still 1", n)
	}
	tw.text(resident, "REPORT") // a stopped number gets no answer
	if n := tw.count(outbox.Collection, dbx.HashExp{"to": resident, "kind": "sms.reply"}); n != 0 {
		t.Fatalf("%d replies to a stopped number", n)
	}
	mustContain(t, tw.reply("START"), "texts again")
	tw.setStatus(req, requests.StatusResolved)
	if n := tw.textsTo(resident, "request.update.sms"); n != 2 {
		t.Fatalf("%d update texts after START, want 2", n)
	}
}

// HELP names the town, the clerk's phone and how to stop.
func TestHelpNamesTheTownAndHowToStop(t *testing.T) {
	tw := newTown(t, outbox.ProviderTwilio)
	town, err := tw.app.FindFirstRecordByFilter("town", "id != ''")
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, tw.reply("help"), town.GetString("name"), town.GetString("phone"), "Reply STOP to stop")
}

// STATUS answers in one text of at most 160 characters, with the link, in
// English and in Spanish once the number chose it; another number's
// request is not shown.
func TestStatusFitsOneText(t *testing.T) {
	tw := newTown(t, outbox.ProviderTwilio)
	req := tw.file(resident, "en")
	number := req.GetString("number")
	en := tw.reply("STATUS " + number)
	mustContain(t, en, number, "/en/requests/"+number+"?key=")
	mustContain(t, tw.reply("ESPAÑOL"), "español")
	es := tw.reply("estado")
	mustContain(t, es, number, "/es/requests/"+number+"?key=")
	for _, s := range []string{en, es} {
		if n := len([]rune(s)); n > 160 {
			t.Errorf("status text of %d characters: %q", n, s)
		}
	}
	other := tw.file("+15559990000", "en")
	theirs := tw.reply("STATUS " + other.GetString("number"))
	if strings.Contains(theirs, "?key=") || !strings.Contains(theirs, "No encontramos") {
		t.Fatalf("another number's request was shown: %q", theirs)
	}
}

// A reply to an update text becomes a comment on the request.
func TestReplyToAnUpdateIsAComment(t *testing.T) {
	tw := newTown(t, outbox.ProviderAndroid)
	req := tw.file(resident, "en")
	tw.setStatus(req, requests.StatusInProgress)
	mustContain(t, tw.reply("The hole is getting bigger, a car hit it"), "added your reply", req.GetString("number"))
	n := tw.count("request_updates", dbx.HashExp{"request": req.Id, "kind": "comment", "channel": requests.ChannelSMS,
		"body": "The hole is getting bigger, a car hit it"})
	if n != 1 {
		t.Fatalf("%d comments from the reply, want 1", n)
	}
}

// A number that sends more than its hourly share is told once, then not
// answered.
func TestTextsAreRateLimitedPerNumber(t *testing.T) {
	tw := newTown(t, outbox.ProviderAndroid)
	for range 30 {
		tw.text(resident, "HELP")
	}
	mustContain(t, tw.reply("HELP"), "many texts")
	tw.text(resident, "HELP")
	tw.text("+15550002222", "HELP") // another number is not limited
	tw.wait(32)
	if n := tw.count(outbox.Collection, dbx.HashExp{"to": resident}); n != 31 {
		t.Fatalf("%d texts to the busy number, want 30 answers and 1 warning", n)
	}
}

// BenchmarkInboundText is a text through the whole inbound path: the
// signed webhook checked, the text stored, the conversation's state read
// and saved, and the reply queued in the outbox (HELP, from a new number
// each time, so no rate limit applies). It reports texts per second; the
// target is at least 200/s.
func BenchmarkInboundText(b *testing.B) {
	tw := newTown(b, outbox.ProviderTwilio)
	start := time.Now()
	b.ResetTimer()
	for i := range b.N {
		if code := tw.send(fmt.Sprintf("+1555%07d", i), "HELP"); code != 200 {
			b.Fatalf("text %d: HTTP %d", i, code)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "texts/s")
	if n := tw.count(outbox.Collection); n < b.N {
		b.Fatalf("%d replies queued for %d texts", n, b.N)
	}
}
