package sms

import (
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/outbox"
)

// state is what a conversation has gathered, kept on the number's record
// so a restart between two texts loses nothing.
type state struct {
	Choices     []string `json:"choices,omitempty"` // service codes, in the order the list showed them
	Service     string   `json:"service,omitempty"`
	Description string   `json:"description,omitempty"`
	Address     string   `json:"address,omitempty"`
	Photos      int      `json:"photos,omitempty"`   // pictures waiting in the number's last texts
	Question    string   `json:"question,omitempty"` // the last question, for CLERK
}

// The steps of a report.
const (
	stepService = "service"
	stepWhat    = "what"
	stepWhere   = "where"
	stepPhoto   = "photo"
)

// turn is one text being answered, inside the transaction.
type turn struct {
	c       *Channel
	tx      core.App
	s       outbox.SMSSettings
	in      Inbound
	msg     *core.Record // the stored text
	num     *core.Record // the number's sms_numbers record
	st      state
	lang    string
	files   fetched
	replies int
}

func (c *Channel) newTurn(tx core.App, s outbox.SMSSettings, in Inbound, msg *core.Record, files fetched) (*turn, error) {
	num, err := tx.FindFirstRecordByData("sms_numbers", "number", in.From)
	if errors.Is(err, sql.ErrNoRows) {
		col, cerr := tx.FindCachedCollectionByNameOrId("sms_numbers")
		if cerr != nil {
			return nil, cerr
		}
		num, err = core.NewRecord(col), nil
		num.Set("number", in.From)
	}
	if err != nil {
		return nil, fmt.Errorf("load the number's conversation: %w", err)
	}
	t := &turn{c: c, tx: tx, s: s, in: in, msg: msg, num: num, files: files}
	_ = num.UnmarshalJSONField("state", &t.st)
	t.lang = num.GetString("language")
	if tw := c.Town.Get(); !tw.Offers(t.lang) {
		t.lang = tw.DefaultLanguage
	}
	return t, nil
}

// save keeps the number's state and what the text did.
func (t *turn) save() error {
	t.num.Set("state", t.st)
	t.num.Set("language", t.lang)
	if err := t.tx.Save(t.num); err != nil {
		return fmt.Errorf("save the number's conversation: %w", err)
	}
	// Two plain fields of a record stored moments ago: an update, not a
	// whole record save, keeps a busy evening's texts quick.
	_, err := t.tx.DB().Update("sms_messages", dbx.Params{"outcome": t.msg.GetString("outcome"),
		"request": t.msg.GetString("request")}, dbx.HashExp{"id": t.msg.Id}).Execute()
	if err != nil {
		return fmt.Errorf("note what a text did: %w", err)
	}
	return nil
}

// outcome records what the text did, for the clerk reading sms_messages.
func (t *turn) outcome(o string) { t.msg.Set("outcome", o) }

// text is a reply from this turn, keyed to the text it answers.
func (t *turn) text(kind string) notify.Text {
	t.replies++
	return notify.Text{To: t.in.From, Lang: t.lang, Kind: kind,
		DedupeKey: "sms:in:" + t.msg.Id + ":" + strconv.Itoa(t.replies)}
}

// reply queues the message id in the number's language.
func (t *turn) reply(id string, data map[string]any, quoted ...string) error {
	return t.c.composer().TextReply(t.tx, t.text("sms.reply"), id, data, quoted...)
}

// limited reports whether the number sent more than its hourly share; it
// is told once, at the first text over.
func (t *turn) limited() (bool, error) {
	since := time.Now().UTC().Add(-time.Hour).Format("2006-01-02 15:04:05.000Z")
	n, err := t.tx.CountRecords("sms_messages", dbx.HashExp{"number": t.in.From},
		dbx.NewExp("[[created]] > {:since}", dbx.Params{"since": since}))
	if err != nil {
		return false, fmt.Errorf("count the number's texts: %w", err)
	}
	if int(n) <= t.c.perHour() {
		return false, nil
	}
	t.outcome("limited")
	if int(n) == t.c.perHour()+1 {
		return true, t.reply("sms.reply.limited", nil)
	}
	return true, nil
}
