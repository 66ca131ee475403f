// Package smstest runs provider doubles for tests: real HTTP servers on
// 127.0.0.1 that speak each provider's documented API (Twilio's Messages
// resource and webhook signature; the local server of SMS Gateway for
// Android and its signed webhooks), record what they were sent, and sign
// inbound texts as the provider would. They share no code with package
// sms: a signature both compute the same way was computed twice.
package smstest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"
)

// Sent is one text a double was asked to send.
type Sent struct {
	ID, To, From, Body, StatusCallback string
}

// recorder keeps the texts sent and wakes whoever waits for them.
type recorder struct {
	mu   sync.Mutex
	sent []Sent
	more chan struct{}
}

func (r *recorder) add(s Sent) {
	r.mu.Lock()
	r.sent = append(r.sent, s)
	r.mu.Unlock()
	select {
	case r.more <- struct{}{}:
	default:
	}
}

// Sent returns the texts sent so far.
func (r *recorder) Sent() []Sent {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Sent(nil), r.sent...)
}

// Wait returns the texts sent once there are at least n, failing the test
// after a generous deadline.
func (r *recorder) Wait(t testing.TB, n int) []Sent {
	t.Helper()
	deadline := time.After(60 * time.Second)
	for {
		if s := r.Sent(); len(s) >= n {
			return s
		}
		select {
		case <-r.more:
		case <-time.After(100 * time.Millisecond):
		case <-deadline:
			t.Fatalf("waited for %d texts; the provider got %d: %+v", n, len(r.Sent()), r.Sent())
		}
	}
}

// Twilio is a double of Twilio's REST API: POST
// /2010-04-01/Accounts/{AccountSid}/Messages.json with basic auth and the
// form fields To, From, Body, StatusCallback, answered 201 with a message
// resource; and GET /media/{name}, a picture behind the same basic auth,
// as an MMS's MediaUrl0 points to.
type Twilio struct {
	recorder
	URL, AccountSID, AuthToken, From string
}

// NewTwilio starts a Twilio double, stopped when the test ends.
func NewTwilio(t testing.TB) *Twilio {
	tw := &Twilio{recorder: recorder{more: make(chan struct{}, 1)},
		AccountSID: "AC" + hexID(16), AuthToken: hexID(16), From: "+15005550006"}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /2010-04-01/Accounts/{sid}/Messages.json", tw.messages)
	mux.HandleFunc("GET /media/{name}", tw.media)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	tw.URL = srv.URL
	return tw
}

func (tw *Twilio) authorized(r *http.Request) bool {
	u, p, ok := r.BasicAuth()
	return ok && u == tw.AccountSID && p == tw.AuthToken && r.PathValue("sid") != "x"
}

func (tw *Twilio) messages(w http.ResponseWriter, r *http.Request) {
	if !tw.authorized(r) || r.PathValue("sid") != tw.AccountSID {
		twilioError(w, http.StatusUnauthorized, 20003, "Authenticate")
		return
	}
	if err := r.ParseForm(); err != nil {
		twilioError(w, http.StatusBadRequest, 21601, "bad form")
		return
	}
	to, from, body := r.PostForm.Get("To"), r.PostForm.Get("From"), r.PostForm.Get("Body")
	switch {
	case to == "":
		twilioError(w, http.StatusBadRequest, 21604, "A 'To' phone number is required.")
		return
	case from == "":
		twilioError(w, http.StatusBadRequest, 21603, "A 'From' phone number is required.")
		return
	case body == "":
		twilioError(w, http.StatusBadRequest, 21602, "Message body is required.")
		return
	}
	sid := "SM" + hexID(16)
	tw.add(Sent{ID: sid, To: to, From: from, Body: body, StatusCallback: r.PostForm.Get("StatusCallback")})
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(map[string]any{"sid": sid, "account_sid": tw.AccountSID, "to": to, "from": from,
		"body": body, "status": "queued", "num_segments": "1", "api_version": "2010-04-01"})
}

func twilioError(w http.ResponseWriter, status, code int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"code": code, "message": msg, "status": status})
}

// Picture is the JPEG the double serves as an MMS picture.
var Picture = []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9")

func (tw *Twilio) media(w http.ResponseWriter, r *http.Request) {
	u, p, ok := r.BasicAuth()
	if !ok || u != tw.AccountSID || p != tw.AuthToken {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "image/jpeg")
	_, _ = w.Write(Picture)
}

// Inbound is the form Twilio posts for a text from a number to the town,
// with the pictures' addresses as MediaUrl0….
func (tw *Twilio) Inbound(from, body string, media ...string) url.Values {
	f := url.Values{"AccountSid": {tw.AccountSID}, "MessageSid": {"SM" + hexID(16)}, "From": {from}, "To": {tw.From},
		"Body": {body}, "NumMedia": {strconv.Itoa(len(media))}, "SmsStatus": {"received"}, "ApiVersion": {"2010-04-01"}}
	for i, m := range media {
		f.Set("MediaUrl"+strconv.Itoa(i), m)
		f.Set("MediaContentType"+strconv.Itoa(i), "image/jpeg")
	}
	return f
}

// Sign is the X-Twilio-Signature Twilio sends with a post of form to
// fullURL: Base64 of the HMAC-SHA1, keyed with the auth token, of the URL
// followed by each parameter's name and value, sorted by name.
func (tw *Twilio) Sign(fullURL string, form url.Values) string {
	names := make([]string, 0, len(form))
	for k := range form {
		names = append(names, k)
	}
	sort.Strings(names)
	data := fullURL
	for _, k := range names {
		for _, v := range form[k] {
			data += k + v
		}
	}
	mac := hmac.New(sha1.New, []byte(tw.AuthToken))
	mac.Write([]byte(data))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

func hexID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
