package desk

import (
	"fmt"
	"sort"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/townhall/townhall/internal/requests"
)

// Event is one line of a request's whole story on the desk: a status
// change, a public comment, an internal note, a reopening, or a message
// sent about it (Kind "message", with its delivery state), or its
// escalation past the due date (Kind "escalation", Author the lead).
type Event struct {
	When               time.Time
	Kind, Status, Body string
	Author             string
	ByReporter         bool
	To, Subject, Error string
	Delivery           string // queued, held, sending, sent, failed
}

// Timeline returns everything that happened to req, oldest first: its
// updates (notes included) and the messages queued about it, matched by
// their dedupe key ("request:<id>:…", as notify queues them).
func Timeline(app core.App, req *core.Record) ([]Event, error) {
	ups, err := app.FindRecordsByFilter("request_updates", "request = {:r}", "created", 0, 0, dbx.Params{"r": req.Id})
	if err != nil {
		return nil, fmt.Errorf("timeline of %s: %w", req.GetString("number"), err)
	}
	out := make([]Event, 0, len(ups)+4)
	for _, u := range ups {
		out = append(out, Event{When: u.GetDateTime("created").Time(), Kind: u.GetString("kind"), Status: u.GetString("status"),
			Body: u.GetString("body"), Author: u.GetString("author_name"), ByReporter: requests.ByReporter(req, u)})
	}
	if at := req.GetDateTime("escalated_at"); !at.IsZero() {
		out = append(out, Event{When: at.Time(), Kind: "escalation", Author: escalatedTo(app, req)})
	}
	var msgs []struct {
		To      string `db:"to"`
		Subject string `db:"subject"`
		Status  string `db:"status"`
		Error   string `db:"error"`
		Created string `db:"created"`
	}
	// A range on the unique dedupe key index: ';' sorts right after ':'.
	err = app.DB().Select("to", "subject", "status", "error", "created").From("outbox").
		Where(dbx.NewExp("dedupe_key >= {:lo} AND dedupe_key < {:hi}", dbx.Params{"lo": "request:" + req.Id + ":", "hi": "request:" + req.Id + ";"})).
		All(&msgs)
	if err != nil {
		return nil, fmt.Errorf("messages about %s: %w", req.GetString("number"), err)
	}
	for _, m := range msgs {
		when, _ := time.Parse("2006-01-02 15:04:05.000Z", m.Created)
		out = append(out, Event{When: when, Kind: "message", To: m.To, Subject: m.Subject, Delivery: m.Status, Error: m.Error})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].When.Before(out[j].When) })
	return out, nil
}

// escalatedTo names the lead an overdue request was escalated to; "" for
// the clerk.
func escalatedTo(app core.App, req *core.Record) string {
	u, err := app.FindRecordById("users", req.GetString("escalated_to"))
	if err != nil {
		return ""
	}
	if n := u.GetString("name"); n != "" {
		return n
	}
	return u.Email()
}

// Followers are the residents following req.
func Followers(app core.App, req *core.Record) ([]*core.Record, error) {
	var users []*core.Record
	err := app.RecordQuery("users").InnerJoin("follows", dbx.NewExp("follows.user = users.id")).
		AndWhere(dbx.HashExp{"follows.request": req.Id}).OrderBy("users.name").All(&users)
	if err != nil {
		return nil, fmt.Errorf("followers of %s: %w", req.GetString("number"), err)
	}
	return users, nil
}

// Assignable are the verified staff members who work in req's department,
// by name.
func Assignable(app core.App, req *core.Record) ([]*core.Record, error) {
	recs, err := app.FindRecordsByFilter("users",
		"role = 'staff' && verified = true && (department = {:d} || departments ~ {:d})", "name,email", 0, 0,
		dbx.Params{"d": req.GetString("department")})
	if err != nil {
		return nil, fmt.Errorf("staff of %s: %w", req.GetString("department"), err)
	}
	return recs, nil
}
