package requests

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// ByNumber returns the request with number.
func ByNumber(app core.App, number string) (*core.Record, error) {
	rec := &core.Record{}
	err := app.RecordQuery("requests").AndWhere(dbx.HashExp{"number": number}).Limit(1).One(rec)
	if err != nil {
		return nil, err
	}
	return rec, nil
}

// Entry is one line of a request's timeline.
type Entry struct {
	Kind, Status, Body, AuthorName string
	ByReporter                     bool
	Created                        time.Time
}

// Timeline returns the request's updates, oldest first. Internal notes are
// only included for staff.
func Timeline(app core.App, req *core.Record, withNotes bool) ([]Entry, error) {
	filter := "request = {:r}"
	if !withNotes {
		filter += " && kind != 'note'"
	}
	recs, err := app.FindRecordsByFilter("request_updates", filter, "created", 0, 0, dbx.Params{"r": req.Id})
	if err != nil {
		return nil, fmt.Errorf("timeline of %s: %w", req.GetString("number"), err)
	}
	out := make([]Entry, len(recs))
	for i, u := range recs {
		out[i] = Entry{
			Kind: u.GetString("kind"), Status: u.GetString("status"), Body: u.GetString("body"),
			AuthorName: u.GetString("author_name"), Created: u.GetDateTime("created").Time(),
			ByReporter: ByReporter(req, u),
		}
	}
	return out, nil
}

// ByReporter reports whether the timeline entry u of req was written by its
// reporter: a reopening, an entry by the reporter's account, or one by no
// account that came through the site, by email or by text (a reporter who has no
// account, or whose reply could not be verified). Staff entries carry their
// account; the reporter's are shown without a name.
func ByReporter(req, u *core.Record) bool {
	author, channel := u.GetString("author"), u.GetString("channel")
	return u.GetString("kind") == "reopen" || (author != "" && author == req.GetString("reporter")) ||
		(author == "" && (channel == ChannelWeb || channel == ChannelEmail || channel == ChannelSMS))
}

// ListFilter narrows the public list.
type ListFilter struct {
	ServiceID string
	Status    string // "open", "closed" or a status
	Reporter  string // only this resident's requests (for "My requests")
	Public    bool   // only requests marked public
	Limit     int
	Offset    int
}

// List returns requests, newest first, and the total that match.
func List(app core.App, f ListFilter) ([]*core.Record, int, error) {
	conds := []dbx.Expression{dbx.NewExp("number != ''")}
	if f.Public {
		conds = append(conds, dbx.HashExp{"public": true})
	}
	if f.Reporter != "" {
		conds = append(conds, dbx.HashExp{"reporter": f.Reporter})
	}
	if f.ServiceID != "" {
		conds = append(conds, dbx.HashExp{"service": f.ServiceID})
	}
	switch f.Status {
	case "":
	case "open":
		conds = append(conds, dbx.NotIn("status", StatusResolved, StatusClosed))
	case "closed":
		conds = append(conds, dbx.In("status", StatusResolved, StatusClosed))
	default:
		conds = append(conds, dbx.HashExp{"status": f.Status})
	}
	total, err := app.CountRecords("requests", conds...)
	if err != nil {
		return nil, 0, fmt.Errorf("count requests: %w", err)
	}
	var recs []*core.Record
	q := app.RecordQuery("requests").AndWhere(dbx.And(conds...)).OrderBy("created DESC", "number DESC")
	if f.Limit > 0 {
		q = q.Limit(int64(f.Limit)).Offset(int64(f.Offset))
	}
	if err := q.All(&recs); err != nil {
		return nil, 0, fmt.Errorf("list requests: %w", err)
	}
	return recs, int(total), nil
}

// Followed returns the requests the resident follows, newest first.
func Followed(app core.App, userID string) ([]*core.Record, error) {
	var recs []*core.Record
	err := app.RecordQuery("requests").
		InnerJoin("follows", dbx.NewExp("follows.request = requests.id")).
		AndWhere(dbx.HashExp{"follows.user": userID}).OrderBy("requests.created DESC").All(&recs)
	if err != nil {
		return nil, fmt.Errorf("followed requests: %w", err)
	}
	return recs, nil
}

// IsFollowing reports whether the resident follows the request.
func IsFollowing(app core.App, userID, requestID string) bool {
	_, err := app.FindFirstRecordByFilter("follows", "user = {:u} && request = {:r}", dbx.Params{"u": userID, "r": requestID})
	return err == nil
}

// Follow makes the resident a follower of the request; following twice is
// the same as once.
func Follow(app core.App, userID, requestID string) error {
	if IsFollowing(app, userID, requestID) {
		return nil
	}
	col, err := app.FindCollectionByNameOrId("follows")
	if err != nil {
		return err
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{"user": userID, "request": requestID})
	return app.Save(r)
}

// Unfollow stops following.
func Unfollow(app core.App, userID, requestID string) error {
	_, err := app.DB().NewQuery("DELETE FROM follows WHERE user = {:u} AND request = {:r}").
		Bind(dbx.Params{"u": userID, "r": requestID}).Execute()
	return err
}

// Similar returns open public requests for the same service whose address
// shares a street with addr, newest first: "already reported, follow it".
func Similar(app core.App, serviceID, addr string, limit int) ([]*core.Record, error) {
	street := streetOf(addr)
	if street == "" {
		return nil, nil
	}
	var recs []*core.Record
	err := app.RecordQuery("requests").AndWhere(dbx.And(
		dbx.HashExp{"service": serviceID, "public": true},
		dbx.NotIn("status", StatusResolved, StatusClosed),
		dbx.Like("address", street),
	)).OrderBy("created DESC").Limit(int64(limit)).All(&recs)
	return recs, err
}

// streetOf is the street part of an address: "12 Mill St." → "mill st".
func streetOf(addr string) string {
	words := strings.Fields(strings.ToLower(strings.NewReplacer(",", " ", ".", " ", "#", " ").Replace(addr)))
	for len(words) > 0 && strings.ContainsAny(words[0][:1], "0123456789") {
		words = words[1:]
	}
	if len(words) > 2 {
		words = words[:2]
	}
	return strings.Join(words, " ")
}
