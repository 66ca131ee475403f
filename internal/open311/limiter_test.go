package open311

import (
	"testing"
	"time"
)

func TestLimiterRefillsAtTheHourlyRate(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	l := newLimiter(100)
	l.now = func() time.Time { return now }
	for i := range 3 {
		if ok, _ := l.allow("k", 3); !ok {
			t.Fatalf("request %d refused within the rate", i+1)
		}
	}
	ok, wait := l.allow("k", 3)
	if ok || wait != 20*time.Minute {
		t.Fatalf("fourth request: allowed %v, wait %v (want 20m: 3 an hour)", ok, wait)
	}
	if ok, _ := l.allow("other", 3); !ok {
		t.Error("another key is limited too")
	}
	now = now.Add(20 * time.Minute)
	if ok, _ := l.allow("k", 3); !ok {
		t.Error("no token after 20 minutes")
	}
	if ok, _ := l.allow("k", 3); ok {
		t.Error("two tokens after 20 minutes")
	}
	// A quiet key saves up no more than its hourly rate.
	now = now.Add(24 * time.Hour)
	for i := range 4 {
		ok, _ := l.allow("k", 3)
		if want := i < 3; ok != want {
			t.Errorf("after a day, request %d allowed %v", i+1, ok)
		}
	}
	// 0 is the default rate.
	for i := range 100 {
		if ok, _ := l.allow("default", 0); !ok {
			t.Fatalf("default rate refused request %d", i+1)
		}
	}
	if ok, _ := l.allow("default", 0); ok {
		t.Error("the default rate allowed a 101st request")
	}
}
