package smstest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// Android is a double of the local server of SMS Gateway for Android
// (capcom6/android-sms-gateway): POST /message with basic auth and a JSON
// body {"message", "phoneNumbers"}, answered 202 with {"id", "state":
// "Pending", "recipients"}. It signs the webhooks it sends as the app
// does: X-Signature is the hex HMAC-SHA256, keyed with the signing key, of
// the raw body followed by X-Timestamp (Unix seconds).
type Android struct {
	recorder
	URL, User, Password, SigningKey string
}

// NewAndroid starts a gateway double, stopped when the test ends.
func NewAndroid(t testing.TB) *Android {
	a := &Android{recorder: recorder{more: make(chan struct{}, 1)}, User: "sms", Password: hexID(8), SigningKey: hexID(12)}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /message", a.message)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	a.URL = srv.URL
	return a
}

func (a *Android) message(w http.ResponseWriter, r *http.Request) {
	u, p, ok := r.BasicAuth()
	if !ok || u != a.User || p != a.Password {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	var in struct {
		Message      string   `json:"message"`
		PhoneNumbers []string `json:"phoneNumbers"`
	}
	if err := json.NewDecoder(r.Body).Decode(&in); err != nil || in.Message == "" || len(in.PhoneNumbers) == 0 {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	id := hexID(10)
	recipients := []map[string]any{}
	for _, n := range in.PhoneNumbers {
		a.add(Sent{ID: id, To: n, Body: in.Message})
		recipients = append(recipients, map[string]any{"phoneNumber": n, "state": "Pending"})
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusAccepted)
	_ = json.NewEncoder(w).Encode(map[string]any{"id": id, "state": "Pending", "recipients": recipients})
}

// Received is the webhook the app posts for a text from a number, and its
// signature headers, signed at now.
func (a *Android) Received(from, body string, now time.Time) ([]byte, map[string]string) {
	ev, _ := json.Marshal(map[string]any{"deviceId": "ffffffffceb0b1db0000018e937c815b", "event": "sms:received",
		"id": hexID(10), "webhookId": "townhall", "payload": map[string]any{"messageId": hexID(4), "message": body,
			"phoneNumber": from, "simNumber": 1, "receivedAt": now.Format("2006-01-02T15:04:05.000-07:00")}})
	ts := strconv.FormatInt(now.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(a.SigningKey))
	mac.Write(append(append([]byte{}, ev...), ts...))
	return ev, map[string]string{"Content-Type": "application/json", "X-Timestamp": ts, "X-Signature": hex.EncodeToString(mac.Sum(nil))}
}
