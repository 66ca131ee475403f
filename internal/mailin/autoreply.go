package mailin

import (
	"fmt"
	"strings"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
	"github.com/townhall/townhall/internal/kb"
	"github.com/townhall/townhall/internal/notify"
	"github.com/townhall/townhall/internal/requests"
	"github.com/townhall/townhall/internal/search"
	"github.com/townhall/townhall/internal/town"
)

// autoReply queues the acknowledgement of a new request, in the language
// the sender wrote in: its number, the tracking link, and up to three
// articles that may already answer the question. It goes to the return path
// (RFC 3834 §4), at most once per sender per AutoReplyEvery, and reports
// whether it was queued.
func (in *Intake) autoReply(tx core.App, env Envelope, msg *Message, req *core.Record, ack *acknowledgement) (bool, error) {
	to := strings.ToLower(env.ReturnPath)
	if !requests.ValidEmail(to) {
		return false, nil
	}
	if recent, err := in.repliedRecently(tx, msg.From); err != nil || recent {
		return false, err
	}
	err := in.mail().RequestAcknowledged(tx, notify.EmailAck{To: to, Request: req, Name: in.greetingName(tx, req, msg),
		InReplyTo: msg.MessageID, Questions: ack.questions, Articles: ack.articles, Answer: ack.answer})
	if err != nil {
		return false, fmt.Errorf("queue acknowledgement: %w", err)
	}
	return true, nil
}

func (in *Intake) autoReplyEvery() time.Duration {
	if in.AutoReplyEvery > 0 {
		return in.AutoReplyEvery
	}
	return 5 * time.Minute
}

// repliedRecently reports whether sender got an acknowledgement lately.
func (in *Intake) repliedRecently(tx core.App, sender string) (bool, error) {
	since := types.NowDateTime().Add(-in.autoReplyEvery()).String()
	n, err := tx.CountRecords(inboundCollection, dbx.HashExp{"sender": sender, "auto_reply": true},
		dbx.NewExp("[[created]] > {:since}", dbx.Params{"since": since}))
	if err != nil {
		return false, fmt.Errorf("check recent acknowledgements: %w", err)
	}
	return n > 0, nil
}

// acknowledgement is what an acknowledgement needs from outside the
// request's transaction.
type acknowledgement struct {
	articles  []notify.Item
	questions []notify.Item // the form's questions the email left unanswered
	answer    *kb.Answer    // a help page's answer, when the email reads like a question
}

// answer is the help pages' answer to a message that reads like a
// question, found as a text's or the Ask page's is; nil otherwise.
func answer(app core.App, msg *Message, lang string) *kb.Answer {
	q := strings.TrimSpace(msg.Subject + " " + clip(msg.Text, 300))
	if !kb.IsQuestion(msg.Subject, lang) && !kb.IsQuestion(clip(msg.Text, 300), lang) {
		return nil
	}
	a, ok, err := kb.FindAnswer(app, q, lang)
	if err != nil {
		app.Logger().Warn("mailin: find an answer for the acknowledgement", "error", err)
	}
	if !ok {
		return nil
	}
	return &a
}

// articles are the knowledge-base pages that best match the message.
func articles(app core.App, msg *Message, lang string) []notify.Item {
	hits, err := search.Search(app.DB(), search.ParseQuery(msg.Subject+" "+clip(msg.Text, 300), lang), 8)
	if err != nil {
		app.Logger().Warn("mailin: search articles for the acknowledgement", "error", err)
		return nil
	}
	var items []notify.Item
	for _, h := range hits {
		if h.Kind == "page" && len(items) < 3 {
			items = append(items, notify.Item{Text: h.Title, Note: h.Summary, URL: town.AbsURL(app, h.Path)})
		}
	}
	return items
}

func (in *Intake) greetingName(tx core.App, req *core.Record, msg *Message) string {
	if id := req.GetString("reporter"); id != "" {
		if u, err := tx.FindRecordById("users", id); err == nil && u.GetString("name") != "" {
			return u.GetString("name")
		}
	}
	return msg.FromName
}

// mail writes the acknowledgement.
func (in *Intake) mail() *notify.Composer {
	return &notify.Composer{Bundle: in.Bundle, Town: in.Town}
}
