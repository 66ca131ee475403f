package open311_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/open311"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/schema/schematest"
)

// A key the clerk creates is stored as a hash, reaches its contact once by
// email, and leaves the outbox once that email is sent.
func TestKeyIsEmailedOnceAndStoredAsHash(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	key, rec := newKey(t, s.app, 0)
	rec, _ = s.app.FindRecordById("api_keys", rec.Id)
	if rec.GetString("key_hash") != open311.Hash(key) || rec.GetString("prefix") != key[:9] || !rec.GetBool("active") {
		t.Errorf("stored key %v", rec.FieldsData())
	}
	for name, v := range rec.FieldsData() {
		if s, ok := v.(string); ok && strings.Contains(s, key[3:]) {
			t.Errorf("the key is stored in %s", name)
		}
	}
	mail, err := s.app.FindFirstRecordByData("outbox", "dedupe_key", "open311-key:"+rec.Id)
	if err != nil {
		t.Fatal(err)
	}
	if mail.GetString("to") != "dev@county.example" || mail.GetString("kind") != open311.KeyKind ||
		!strings.Contains(mail.GetString("subject"), "Testville") || !strings.Contains(mail.GetString("text"), "100 requests an hour") {
		t.Errorf("key email %v", mail.FieldsData())
	}
	// The worker marks it sent: the key leaves the outbox.
	mail.Set("status", outbox.StatusSent)
	if err := s.app.Save(mail); err != nil {
		t.Fatal(err)
	}
	mail, _ = s.app.FindRecordById("outbox", mail.Id)
	if strings.Contains(mail.GetString("text"), key) || !strings.Contains(mail.GetString("text"), "removed") {
		t.Errorf("sent key email still holds the key: %q", mail.GetString("text"))
	}
	// And the key works.
	s.file(pothole(key))
}

func TestKeyNeedsAContact(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	col, _ := s.app.FindCollectionByNameOrId("api_keys")
	r := core.NewRecord(col)
	r.Set("name", "No contact")
	err := s.app.Save(r)
	if err == nil || !strings.Contains(err.Error(), "contact") {
		t.Fatalf("saved without a contact: %v", err)
	}
	if n := schematest.Count(t, s.app, "api_keys"); n != 0 {
		t.Errorf("%d keys stored", n)
	}
}

// Missing, wrong, revoked and deleted keys are 403 in the spec's shape;
// nothing is stored.
func TestBadKeysAre403(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	revoked, rec := newKey(t, s.app, 0)
	rec.Set("active", false)
	if err := s.app.Save(rec); err != nil {
		t.Fatal(err)
	}
	deleted, rec2 := newKey(t, s.app, 0)
	if err := s.app.Delete(rec2); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"xml", "json"} {
		for name, key := range map[string]string{"missing": "", "wrong": "th_WRONGWRONGWRONGWRONGWRONG", "revoked": revoked, "deleted": deleted} {
			d := s.post(api+"/requests."+f, pothole(key)).expectError(t, 403, f)
			if !strings.Contains(d[0], "api_key") {
				t.Errorf("%s key (%s): %q", name, f, d)
			}
		}
	}
	// A key in the URL would be written to the request log: refused.
	good, _ := newKey(t, s.app, 0)
	form := pothole("")
	form.Del("api_key")
	d := s.post(api+"/requests.json?api_key="+good, form).expectError(t, 403, "json")
	if !strings.Contains(d[0], "request body") {
		t.Errorf("key in the URL: %q", d)
	}
	s.stored(0)
}

// Each key has its own hourly rate; over it the answer is 429 with
// Retry-After, and another key is not affected.
func TestRateLimit(t *testing.T) {
	t.Parallel()
	s := newServer(t)
	slow, _ := newKey(t, s.app, 2)
	other, _ := newKey(t, s.app, 0)
	s.file(pothole(slow))
	s.file(pothole(slow))
	for _, f := range []string{"json", "xml"} {
		r := s.post(api+"/requests."+f, pothole(slow))
		d := r.expectError(t, 429, f)
		if !strings.Contains(d[0], "Rate limit exceeded") {
			t.Errorf("%s: %q", f, d)
		}
		if secs, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || secs < 1 || secs > 1800 {
			t.Errorf("Retry-After %q", r.Header.Get("Retry-After"))
		}
	}
	s.file(pothole(other))
	s.stored(3)
}

// Every use of a key updates last_used and is logged with the key's
// prefix, never the key.
func TestKeyUseIsLogged(t *testing.T) {
	t.Parallel()
	s := newServer(t, func(app core.App) {
		app.Settings().Logs.MaxDays = 1 // the demo town keeps no logs
	})
	key, rec := newKey(t, s.app, 0)
	before := time.Now().Add(-time.Second)
	s.file(pothole(key))
	s.post(api+"/requests.json", url1(pothole(key), "attribute[size]", "huge")).expectError(t, 400, "json")
	s.post(api+"/requests.json", url1(pothole(key), "api_key", "th_NOPE")).expectError(t, 403, "json")
	rec, _ = s.app.FindRecordById("api_keys", rec.Id)
	if rec.GetDateTime("last_used").Time().Before(before) {
		t.Errorf("last_used %v", rec.GetDateTime("last_used"))
	}
	flushLogs(t, s.app)
	var logs []*core.Log
	if err := s.app.LogQuery().AndWhere(dbx.HashExp{"message": "open311 key use"}).All(&logs); err != nil {
		t.Fatal(err)
	}
	var seen []string
	for _, l := range logs {
		data := mustJSON(l.Data)
		if strings.Contains(data, key) {
			t.Errorf("the key is in the log: %s", data)
		}
		seen = append(seen, data)
	}
	joined := strings.Join(seen, "\n")
	for _, want := range []string{`"prefix":"` + rec.GetString("prefix") + `"`, `"status":200`, `"status":400`, `"status":403`,
		`"method":"POST"`, `"path":"/open311/v2/requests.json"`} {
		if !strings.Contains(joined, want) {
			t.Errorf("no log line with %s in\n%s", want, joined)
		}
	}
}
