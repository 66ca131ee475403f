package sms

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/outbox"
	"github.com/townhall/townhall/internal/requests"
)

// maxStatus is how many requests a bare STATUS reports.
const maxStatus = 3

// status texts the status of the request named, or of the number's latest
// requests. A number only ever learns of its own requests: another's
// number gets the same answer as one that does not exist.
func (t *turn) status(arg string) error {
	t.outcome("status")
	if arg != "" {
		req, err := requests.ByNumber(t.tx, strings.ToUpper(strings.Fields(arg)[0]))
		if err != nil || !t.owns(req) {
			return t.reply("sms.reply.status_unknown", map[string]any{"Number": clip(arg, 20)})
		}
		return t.c.composer().TextStatus(t.tx, t.text("sms.status"), []*core.Record{req})
	}
	reqs, err := t.own()
	if err != nil {
		return err
	}
	if len(reqs) == 0 {
		return t.reply("sms.reply.status_none", nil)
	}
	return t.c.composer().TextStatus(t.tx, t.text("sms.status"), reqs)
}

// owns reports whether req came from this number: its contact phone, or an
// account that confirmed the number.
func (t *turn) owns(req *core.Record) bool {
	if n, ok := outbox.NormalizeNumber(req.GetString("contact_phone")); ok && n == t.in.From {
		return true
	}
	if id := req.GetString("reporter"); id != "" {
		if u, err := t.tx.FindRecordById("users", id); err == nil {
			return u.GetString("sms_number") == t.in.From
		}
	}
	return false
}

// own are the number's latest requests, newest first.
func (t *turn) own() ([]*core.Record, error) {
	var out []*core.Record
	err := t.tx.RecordQuery("requests").
		AndWhere(dbx.Or(dbx.HashExp{"contact_phone": t.in.From},
			dbx.NewExp("[[reporter]] != '' AND [[reporter]] IN (SELECT [[id]] FROM {{users}} WHERE [[sms_number]] = {:n})", dbx.Params{"n": t.in.From}))).
		OrderBy("[[created]] DESC").Limit(maxStatus).All(&out)
	if err != nil {
		return nil, fmt.Errorf("find the number's requests: %w", err)
	}
	return out, nil
}

// replyWindow is how long after an update a text counts as its reply.
const replyWindow = 3 * 24 * time.Hour

// comment files the text as a comment when the last text the number got
// was an update on one of its requests, lately: as a reply to an update
// email is. It reports whether it did.
func (t *turn) comment() (bool, error) {
	last, err := t.tx.FindRecordsByFilter(outbox.Collection, "to = {:n} && channel = 'sms'", "-created", 1, 0,
		dbx.Params{"n": t.in.From})
	if err != nil || len(last) == 0 || last[0].GetString("kind") != "request.update.sms" {
		return false, err
	}
	if time.Since(last[0].GetDateTime("created").Time()) > replyWindow {
		return false, nil
	}
	// The update's dedupe key is request:<id>:update:<update id>:sms.
	parts := strings.Split(last[0].GetString("dedupe_key"), ":")
	if len(parts) < 2 {
		return false, nil
	}
	req, err := t.tx.FindRecordById("requests", parts[1])
	if err != nil || !t.owns(req) {
		return false, nil
	}
	if _, err := requests.AddUpdate(t.tx, requests.Update{RequestID: req.Id, Kind: "comment", Body: t.in.Body,
		Channel: requests.ChannelSMS}); err != nil {
		return false, fmt.Errorf("add a texted comment: %w", err)
	}
	t.outcome("comment")
	t.msg.Set("request", req.Id)
	return true, t.reply("sms.reply.comment_added", map[string]any{"Number": req.GetString("number")})
}
