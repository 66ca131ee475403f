package requests

import (
	"errors"
	"fmt"
	"net/url"

	"github.com/pocketbase/pocketbase/core"
)

// Answers to "is it fixed?", asked in the email that says a request is
// resolved.
const (
	FixedYes = "yes"
	FixedNo  = "no"
)

// ErrAnswered is returned when the reporter has answered already: the
// answer counts once per request.
var ErrAnswered = errors.New("the request's reporter has already answered")

// FeedbackResult is what an answer did.
type FeedbackResult struct {
	Reopened bool // "no" reopened the request
	TooLate  bool // "no" came after the reopening window: recorded only
}

// Feedback records the reporter's answer to "is it fixed?" on the request
// numbered number, once. "No" on a closed request reopens it within the
// reopening window (the same rule as the reopen button), with body as the
// reopening's comment: what is still wrong.
func (d *Domain) Feedback(app core.App, number, answer, body string) (FeedbackResult, error) {
	var res FeedbackResult
	if answer != FixedYes && answer != FixedNo {
		return res, fmt.Errorf("answer %q: %w", answer, ErrBadStatus)
	}
	err := app.RunInTransaction(func(tx core.App) error {
		req, err := ByNumber(tx, number)
		if err != nil {
			return err
		}
		if req.GetString("satisfaction") != "" {
			return ErrAnswered
		}
		req.Set("satisfaction", answer)
		req.Set("satisfaction_at", d.now().UTC())
		if err := tx.Save(req); err != nil {
			return err
		}
		if answer == FixedYes || IsOpen(req.GetString("status")) {
			return nil
		}
		if d.now().Sub(req.GetDateTime("closed_at").Time()) > ReopenWindow {
			res.TooLate = true
			return nil
		}
		_, err = AddUpdate(tx, Update{RequestID: req.Id, Kind: "reopen", Body: body, AuthorID: req.GetString("reporter"),
			AuthorName: req.GetString("contact_name"), Channel: ChannelWeb})
		res.Reopened = err == nil
		return err
	})
	return res, err
}

// FixedPath is the site path of the one-click answer to "is it fixed?" for
// request number in lang, signed so that it works without signing in. It
// leads to a page that asks to confirm (a GET changes nothing).
func FixedPath(app core.App, lang, number, answer string) string {
	return "/" + lang + "/requests/" + url.PathEscape(number) + "/fixed?" +
		url.Values{"answer": {answer}, "key": {Sign(app, "fixed", number)}}.Encode()
}
