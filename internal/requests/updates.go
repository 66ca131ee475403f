package requests

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
)

// ReopenWindow is how long after closing a reporter can say "it's not fixed".
const ReopenWindow = 30 * 24 * time.Hour

// Errors a reporter can meet when acting on their request.
var (
	ErrNotClosed    = errors.New("the request is still open")
	ErrReopenWindow = errors.New("the request was closed more than 30 days ago")
	ErrEmptyComment = errors.New("the comment is empty")
	ErrBadStatus    = errors.New("unknown status")
)

// applyUpdate validates a new timeline entry and applies a status change or
// a reopening to its request, in the same transaction.
func (d *Domain) applyUpdate(e *core.RecordEvent) error {
	u := e.Record
	u.Set("body", strings.TrimSpace(u.GetString("body")))
	kind := u.GetString("kind")
	if (kind == "comment" || kind == "note" || kind == "reopen") && u.GetString("body") == "" {
		return ErrEmptyComment
	}
	if e.Context.Value(fromTimeline) != nil || (kind != "status" && kind != "reopen") {
		return e.Next()
	}
	req, err := e.App.FindRecordById("requests", u.GetString("request"))
	if err != nil {
		return err
	}
	switch kind {
	case "status":
		if !slices.Contains([]string{StatusNew, StatusInProgress, StatusWaiting, StatusResolved, StatusClosed}, u.GetString("status")) {
			return ErrBadStatus
		}
	case "reopen":
		if IsOpen(req.GetString("status")) {
			return ErrNotClosed
		}
		if d.now().Sub(req.GetDateTime("closed_at").Time()) > ReopenWindow {
			return ErrReopenWindow
		}
		u.Set("status", StatusNew)
		req.Set("reopens", req.GetInt("reopens")+1)
	}
	if err := e.Next(); err != nil {
		return err
	}
	req.Set("status", u.GetString("status"))
	setClosedAt(req, u.GetString("status"), d.now())
	return e.App.SaveWithContext(context.WithValue(e.Context, fromTimeline, true), req)
}

// Update is a new timeline entry from a resident or the clerk.
type Update struct {
	RequestID  string
	Kind       string // comment, note, status, reopen
	Status     string // for kind status
	Body       string
	AuthorID   string
	AuthorName string
	Channel    string
}

// AddUpdate records u; the hooks apply it to the request.
func AddUpdate(app core.App, u Update) (*core.Record, error) {
	col, err := app.FindCollectionByNameOrId("request_updates")
	if err != nil {
		return nil, err
	}
	r := core.NewRecord(col)
	r.Load(map[string]any{
		"request": u.RequestID, "kind": u.Kind, "status": u.Status, "body": u.Body,
		"author": u.AuthorID, "author_name": u.AuthorName, "channel": u.Channel,
	})
	if err := app.Save(r); err != nil {
		return nil, err
	}
	return r, nil
}
