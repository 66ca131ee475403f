package outbox

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/schema/schematest"
	"github.com/townhall/townhall/internal/sms/smstest"
)

func text(key string) Message {
	return Message{Channel: ChannelSMS, To: "+15551230001", Text: "Your request " + key + " was received.",
		DedupeKey: key, Kind: "sms.reply", Language: "en"}
}

// useGateway points the sms channel at a gateway double, with a cap.
func useGateway(t testing.TB, app core.App, cap int) *smstest.Android {
	a := smstest.NewAndroid(t)
	schematest.Create(t, app, SettingsCollection, map[string]any{"provider": ProviderAndroid, "active": true,
		"base_url": a.URL, "account": a.User, "secret": a.Password, "daily_cap": cap})
	return a
}

// Texts wait, held with the reason, until the clerk sets up a provider;
// then they go out through it and keep its id.
func TestTextsAreHeldUntilAProviderIsSet(t *testing.T) {
	app := newApp(t, nil)
	w := Register(app, Options{Clock: newClock()})
	if ok, err := Queue(app, text("t1")); err != nil || !ok {
		t.Fatalf("queue: %v %v", ok, err)
	}
	if _, err := w.RunOnce(); err != nil {
		t.Fatal(err)
	}
	r, err := app.FindFirstRecordByData(Collection, "dedupe_key", "t1")
	if err != nil {
		t.Fatal(err)
	}
	if r.GetString("status") != StatusHeld || r.GetString("error") != SMSHeldReason {
		t.Fatalf("status %q, error %q", r.GetString("status"), r.GetString("error"))
	}
	a := useGateway(t, app, 0)
	if n, err := w.RunOnce(); err != nil || n != 1 {
		t.Fatalf("sent %d: %v", n, err)
	}
	got := a.Sent()
	if len(got) != 1 || got[0].To != "+15551230001" || !strings.Contains(got[0].Body, "t1") {
		t.Fatalf("the gateway got %+v", got)
	}
	if n, err := app.CountRecords(Collection, dbx.HashExp{"provider_id": got[0].ID, "status": StatusSent}); err != nil || n != 1 {
		t.Fatalf("%d sent texts with the gateway's id (%v)", n, err)
	}
}

// Once the day's cap is reached the rest wait, held with the reason.
func TestDailyCapHoldsTheRest(t *testing.T) {
	app := newApp(t, nil)
	a := useGateway(t, app, 2)
	w := Register(app, Options{Clock: newClock()})
	for i := range 3 {
		if _, err := Queue(app, text(fmt.Sprintf("c%d", i))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.RunOnce(); err != nil {
		t.Fatal(err)
	}
	if len(a.Sent()) != 2 {
		t.Fatalf("%d texts sent under a cap of 2", len(a.Sent()))
	}
	held, err := app.FindFirstRecordByData(Collection, "dedupe_key", "c2")
	if err != nil {
		t.Fatal(err)
	}
	if held.GetString("status") != StatusHeld || !strings.Contains(held.GetString("error"), "cap of 2") {
		t.Fatalf("third text: %q, %q", held.GetString("status"), held.GetString("error"))
	}
}

// A text to a number that texted STOP is not queued.
func TestNoTextToAStoppedNumber(t *testing.T) {
	app := newApp(t, nil)
	schematest.Create(t, app, "sms_numbers", map[string]any{"number": "+15551230001", "stopped": true})
	if ok, err := Queue(app, text("s1")); err != nil || ok {
		t.Fatalf("queued to a stopped number: %v %v", ok, err)
	}
	m := text("s2")
	m.Kind = KindStopped
	if ok, err := Queue(app, m); err != nil || !ok {
		t.Fatalf("the STOP confirmation was not queued: %v %v", ok, err)
	}
}

func TestSegments(t *testing.T) {
	for _, c := range []struct {
		name, text string
		n          int
		ucs2       bool
	}{
		{"160 GSM-7", strings.Repeat("a", 160), 1, false},
		{"161 GSM-7", strings.Repeat("a", 161), 2, false},
		{"306 GSM-7", strings.Repeat("a", 306), 2, false},
		{"extension counts twice", strings.Repeat("€", 80) + "a", 2, false},
		{"ñ is GSM-7", "Año: niño " + strings.Repeat("a", 150), 1, false},
		{"á is not", "Está " + strings.Repeat("a", 60), 1, true},
		{"71 UCS-2", "—" + strings.Repeat("a", 70), 2, true},
		{"emoji counts twice", strings.Repeat("😀", 35), 1, true},
		{"emoji over", strings.Repeat("😀", 36), 2, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			if n, ucs2 := Segments(c.text); n != c.n || ucs2 != c.ucs2 {
				t.Fatalf("Segments = %d, %v; want %d, %v", n, ucs2, c.n, c.ucs2)
			}
		})
	}
}

func TestNormalizeNumber(t *testing.T) {
	for in, want := range map[string]string{"(555) 123-4567": "+15551234567", "1 555 123 4567": "+15551234567",
		"+44 20 7946 0958": "+442079460958", "555-1234": "", "call me": "", "+1 555 123 4567 ext 2": ""} {
		got, ok := NormalizeNumber(in)
		if ok != (want != "") || (ok && got != want) {
			t.Errorf("NormalizeNumber(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}
