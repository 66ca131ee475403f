package sms

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/outbox"
)

// maxMedia is how many pictures of one text are kept.
const maxMedia = 3

// Inbound is a text as a provider's webhook gave it.
type Inbound struct {
	Provider string // outbox.ProviderTwilio or outbox.ProviderAndroid
	ID       string // the provider's id: a retried webhook is handled once
	From     string
	Body     string
	Media    []string // picture addresses (MMS)
}

// Receive stores in, then answers it in one transaction: the conversation's
// state, whatever it files, and the replies it queues. The text is stored
// first, on its own, so nothing a resident sent is lost to a failure
// after. A text seen before (a provider retrying) is not handled again.
func (c *Channel) Receive(app core.App, s outbox.SMSSettings, in Inbound) error {
	number, ok := outbox.NormalizeNumber(in.From)
	if !ok {
		app.Logger().Warn("sms: text from a number that cannot be answered", "from", in.From)
		return nil
	}
	in.From, in.Body = number, strings.TrimSpace(in.Body)
	msg, fresh, err := store(app, in)
	if err != nil || !fresh {
		return err
	}
	c.touchSettings(app)
	files := c.fetchMedia(app, s, in.Media) // before the transaction: it waits on the network
	return app.RunInTransaction(func(tx core.App) error {
		t, err := c.newTurn(tx, s, in, msg, files)
		if err != nil {
			return err
		}
		if err := t.run(); err != nil {
			return err
		}
		return t.save()
	})
}

// store saves the text, and reports false when the provider sent it before.
func store(app core.App, in Inbound) (*core.Record, bool, error) {
	if in.ID != "" {
		n, err := app.CountRecords("sms_messages", dbx.HashExp{"provider": in.Provider, "provider_id": in.ID})
		if err != nil || n > 0 {
			return nil, false, err
		}
	}
	col, err := app.FindCachedCollectionByNameOrId("sms_messages")
	if err != nil {
		return nil, false, fmt.Errorf("store a text: %w", err)
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"number": in.From, "provider": in.Provider, "provider_id": in.ID,
		"body": clip(in.Body, 5000), "media": in.Media})
	if err := app.Save(r); err != nil {
		return nil, false, fmt.Errorf("store a text: %w", err)
	}
	return r, true, nil
}

// touchSettings shows the clerk when the last text came in: a gateway
// phone that stopped receiving shows there. It writes at most once a
// minute: a busy day's texts need not each cost a write.
func (c *Channel) touchSettings(app core.App) {
	now := time.Now().Unix()
	if last := c.touched.Load(); now-last < 60 || !c.touched.CompareAndSwap(last, now) {
		return
	}
	_, err := app.DB().NewQuery("UPDATE {{sms_settings}} SET [[last_received]] = {:now} WHERE [[active]] = 1").
		Bind(dbx.Params{"now": time.Now().UTC().Format("2006-01-02 15:04:05.000Z")}).Execute()
	if err != nil {
		app.Logger().Warn("sms: note the last text received", "error", err)
	}
}

// clip keeps s within limit characters.
func clip(s string, limit int) string {
	if r := []rune(s); len(r) > limit {
		return string(r[:limit])
	}
	return s
}
